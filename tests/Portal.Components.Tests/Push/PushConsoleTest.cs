using System.Text.Json.Nodes;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Audit;
using Portal.Components.Tests.Infrastructure;
using Portal.Features.Devices;
using Portal.Features.Members;
using Portal.Features.Push;
using Portal.Tests.Push;

namespace Portal.Components.Tests.Push;

/// <summary>
/// A club "Mall" with FCM pointed at the loopback <see cref="FakeFcm"/>, the way the server tests do it (Fcm:Endpoint,
/// and a Firebase project whose fake service-account key's token_uri is the fake).
/// </summary>
public abstract class PushConsoleTest : ComponentTest, IAsyncLifetime
{
    protected FakeFcm Fcm { get; private set; } = null!;

    protected int ClubId { get; private set; }

    public override async Task InitializeAsync()
    {
        Fcm = await FakeFcm.StartAsync();
        Context.Services.Configure<FcmOptions>(o =>
        {
            o.Endpoint = Fcm.BaseUrl.ToString();
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
        });
        await base.InitializeAsync();
        ClubId = await CreateClubAsync("mall", "Mall");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Fcm.DisposeAsync();
    }

    protected async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Context.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    protected Task<long> CreateMemberAsync(string email, string? msisdn = null, int? clubId = null) => WithAsync(async p =>
        (await p.GetRequiredService<MemberService>().CreateAsync(clubId ?? ClubId, new MemberDraft
        {
            Properties = msisdn is null ? new JsonObject { ["email"] = email } : new JsonObject { ["email"] = email, ["msisdn"] = msisdn },
        }, Actor.Import)).Value!.Id);

    protected Task RegisterTokenAsync(long memberId, string token, string platform, string project = "infinity-app") => WithAsync(async p =>
        await p.GetRequiredService<DeviceTokenService>().RegisterAsync(ClubId, memberId, new DeviceRegistration(token, platform, $"install-{token}", project)));

    protected Task AddFirebaseProjectAsync(string slug = "infinity-app") => WithAsync(async p =>
        await p.GetRequiredService<FirebaseProjectService>().SaveAsync(ClubId, slug, null, Fcm.ServiceAccountJson(slug), Actor.System));

    protected static IElement Button<T>(IRenderedComponent<T> component, string text) where T : Microsoft.AspNetCore.Components.IComponent =>
        component.FindAll("button").Single(b => b.TextContent.Trim() == text);

    /// <summary>Finds and clicks the button in one go, so no render comes between.</summary>
    protected static Task ClickAsync<T>(IRenderedComponent<T> component, string text) where T : Microsoft.AspNetCore.Components.IComponent =>
        component.InvokeAsync(() => Button(component, text).Click());

    /// <summary>The text around an input: its label, and the validation message MudBlazor shows under it.</summary>
    protected static string Field<T>(IRenderedComponent<T> component, string inputId) where T : Microsoft.AspNetCore.Components.IComponent =>
        component.Find($"#{inputId}").Closest(".mud-input-control")!.TextContent;
}
