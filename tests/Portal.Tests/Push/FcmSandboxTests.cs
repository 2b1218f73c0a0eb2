using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Audit;
using Portal.Features.Devices;
using Portal.Features.Members;
using Portal.Features.Push;

namespace Portal.Tests.Push;

/// <summary>Development's built-in sandbox project: the whole console path with no Firebase account.</summary>
public class FcmSandboxTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();
    private Microsoft.AspNetCore.Builder.WebApplication app = default!;

    public async Task InitializeAsync()
    {
        // The real app on a real port: the sandbox's FCM and token endpoint are the app's own URLs.
        app = PortalWebApp.Build(["--urls", "http://127.0.0.1:0", "--environment", "Development",
            .. database.ConnectionArguments, "--Portal:SeedDemoData=false", "--Fcm:SandboxEnabled=true", "--Portal:ValidateServices=true"]);
        await app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        database.Dispose();
    }

    [Fact]
    public async Task SendsToSandboxTokensLandInTheSinkAndDeadOnesAreUnregistered()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var clubId = (await provider.GetRequiredService<Portal.Features.Clubs.ClubService>().CreateAsync("mall", "Mall", Actor.System)).Id;
        var memberId = (await provider.GetRequiredService<MemberService>().CreateAsync(clubId,
            new MemberDraft { Properties = new JsonObject { ["email"] = "sandy@example.no" } }, Actor.Import)).Value!.Id;
        var devices = provider.GetRequiredService<DeviceTokenService>();
        await devices.RegisterAsync(clubId, memberId, new DeviceRegistration("demo-token-1", "android", "a", FcmSandbox.Slug));
        await devices.RegisterAsync(clubId, memberId, new DeviceRegistration("dead-token-2", "ios", "b", FcmSandbox.Slug));

        Assert.Contains(await provider.GetRequiredService<FirebaseProjectService>().ListAsync(clubId), p => p.Slug == FcmSandbox.Slug);
        var outcome = (await provider.GetRequiredService<PushService>().SendAsync(clubId, new PushTarget([memberId]),
            new PushContent { Title = "Sandbox hello" }, false, Actor.Cli("dev"), null)).Value!;

        Assert.True(outcome.Results.Single(r => r.Token == "demo-token-1").Success);
        Assert.Equal(FcmErrorCodes.Unregistered, outcome.Results.Single(r => r.Token == "dead-token-2").ErrorCode);
        var received = Assert.Single(app.Services.GetRequiredService<FcmSandbox>().Received);
        Assert.Equal("Sandbox hello", received.Title);
        Assert.Equal("demo-token-1", received.Token);
    }

    [Fact]
    public void TheSandboxIsOffOutsideDevelopment()
    {
        using var production = PortalWebApp.Build(["--environment", "Production", .. database.ConnectionArguments, "--Fcm:SandboxEnabled=true", "--Portal:ValidateServices=true"]);

        Assert.False(production.Services.GetRequiredService<FcmSandbox>().Enabled);
    }
}
