using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Features.Audit;
using Portal.Components.Tests.Infrastructure;
using Portal.Features.Account;
using Portal.Features.Clubs;
using Portal.Features.Push;
using Portal.Features.Settings;
using static Portal.Components.Tests.Settings.FormQueries;

namespace Portal.Components.Tests.Settings;

public sealed class FirebaseProjectsPanelTests : ComponentTest
{
    private ClubSummary club = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        club = new ClubSummary(await CreateClubAsync("fcm-mall", "FCM Mall"), "fcm-mall", "FCM Mall", "en", "Europe/Oslo");
    }

    private IRenderedComponent<FirebaseProjectsPanel> Render() => Context.Render<FirebaseProjectsPanel>(p => p.Add(x => x.Club, club));

    private FirebaseProjectService Projects => Context.Services.GetRequiredService<FirebaseProjectService>();

    // A key whose token endpoint is a closed loopback port: Google's sign-in fails at once, nothing leaves the machine.
    private static string ServiceAccountJson(string projectId)
    {
        using var rsa = RSA.Create(2048);
        return new JsonObject
        {
            ["type"] = "service_account",
            ["project_id"] = projectId,
            ["private_key_id"] = "test-key",
            ["private_key"] = rsa.ExportPkcs8PrivateKeyPem(),
            ["client_email"] = $"portal@{projectId}.iam.gserviceaccount.com",
            ["client_id"] = "1234567890",
            ["token_uri"] = "http://127.0.0.1:9/token",
        }.ToJsonString();
    }

    [Fact]
    public async Task WithoutProjectsSaysSoAndExplainsWhereTheKeyComesFrom()
    {
        await SignInAsync("admin@fcm.test", PortalRoles.Admin, club.Id);

        var panel = Render();

        panel.WaitForAssertion(() => Assert.Contains("No Firebase project yet.", panel.Markup));
        Assert.Contains("Generate new private key", Description(panel.Nodes, Field(panel.Nodes, "Service-account JSON key file")));
    }

    [Fact]
    public async Task SavingWithoutAKeyFileIsRefusedUnderTheFileField()
    {
        await SignInAsync("admin@fcm.test", PortalRoles.Admin, club.Id);
        var panel = Render();

        panel.WaitForAssertion(() => Field(panel.Nodes, "Slug").Input("mall-app"));
        panel.Find("form").Submit();

        panel.WaitForAssertion(() => Assert.StartsWith("Upload the service account's JSON key file",
            Description(panel.Nodes, Field(panel.Nodes, "Service-account JSON key file"))));
        Assert.Empty(await Projects.ListAsync(club.Id));
    }

    [Fact]
    public async Task AnUploadedKeyIsSavedUnderItsSlugAndTheFormEmpties()
    {
        await SignInAsync("admin@fcm.test", PortalRoles.Admin, club.Id);
        var panel = Render();

        panel.WaitForAssertion(() => Field(panel.Nodes, "Slug").Input("mall-app"));
        panel.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(ServiceAccountJson("mall-project"), "key.json", contentType: "application/json"));
        panel.WaitForAssertion(() => Assert.StartsWith("Key file read", Description(panel.Nodes, Field(panel.Nodes, "Service-account JSON key file"))));
        panel.Find("form").Submit();

        panel.WaitForAssertion(() => Assert.Contains("portal@mall-project.iam.gserviceaccount.com", Row(panel.Nodes, "mall-app").TextContent));
        Assert.Contains("mall-project", Row(panel.Nodes, "mall-app").TextContent);
        Assert.Contains("Firebase project saved: mall-app (portal@mall-project.iam.gserviceaccount.com)", Context.Snackbars());
        Assert.Equal("", Field(panel.Nodes, "Slug").GetAttribute("value") ?? "");
        Assert.Contains("Generate new private key", Description(panel.Nodes, Field(panel.Nodes, "Service-account JSON key file")));
    }

    [Fact]
    public async Task AFileLargerThanAKeyIsRefusedWhileReadingIt()
    {
        await SignInAsync("admin@fcm.test", PortalRoles.Admin, club.Id);
        var panel = Render();

        panel.WaitForAssertion(() => panel.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(new string('x', 30_000), "big.json")));

        panel.WaitForAssertion(() => Assert.StartsWith("The file is larger than a service-account key",
            Description(panel.Nodes, Field(panel.Nodes, "Service-account JSON key file"))));
    }

    [Fact]
    public async Task TestConnectionSaysWhatFailed()
    {
        await SignInAsync("admin@fcm.test", PortalRoles.Admin, club.Id);
        await Projects.SaveAsync(club.Id, "mall-app", null, ServiceAccountJson("mall-project"), Actor.System);
        var panel = Render();

        panel.WaitForAssertion(() => Button(Row(panel.Nodes, "mall-app").ChildNodes, "Test connection").Click());

        panel.WaitForAssertion(() => Assert.StartsWith("Could not sign in to Google with this key", panel.Find("[role=status]").TextContent.Trim()), TimeSpan.FromSeconds(30));
        Assert.False(Button(Row(panel.Nodes, "mall-app").ChildNodes, "Test connection").HasAttribute("disabled"));
    }

    [Fact]
    public async Task RemovingAProjectAsksFirst()
    {
        await SignInAsync("admin@fcm.test", PortalRoles.Admin, club.Id);
        await Projects.SaveAsync(club.Id, "mall-app", null, ServiceAccountJson("mall-project"), Actor.System);
        var dialogs = Context.Render<MudDialogProvider>();
        var panel = Render();

        panel.WaitForAssertion(() => Button(Row(panel.Nodes, "mall-app").ChildNodes, "Remove").Click());
        Assert.Contains("Remove the Firebase project 'mall-app' and its key?", dialogs.WaitForElement("[role=dialog]").TextContent);
        Button(dialogs.Nodes, "Remove").Click();

        panel.WaitForAssertion(() => Assert.Contains("No Firebase project yet.", panel.Markup));
        Assert.Empty(await Projects.ListAsync(club.Id));
    }

    [Fact]
    public async Task AMarketerCannotSaveAProject()
    {
        await SignInAsync("marketer@fcm.test", PortalRoles.Marketer, club.Id);
        var panel = Render();

        panel.WaitForAssertion(() => Field(panel.Nodes, "Slug").Input("mall-app"));
        panel.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(ServiceAccountJson("mall-project"), "key.json"));
        panel.Find("form").Submit();

        panel.WaitForAssertion(() => Assert.Contains("Not allowed: only Admins can change settings.", Context.Snackbars()));
        Assert.Empty(await Projects.ListAsync(club.Id));
    }
}
