using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Audit;
using Portal.Features.Devices;
using Portal.Features.Members;
using Portal.Features.Push;

namespace Portal.Tests.Push;

/// <summary>The push console's service, on a real database, sending through the real client to the fake FCM.</summary>
public class PushServiceTests : IAsyncLifetime
{
    private readonly TestDatabase database = new();
    private FakeFcm fcm = default!;
    private Microsoft.AspNetCore.Builder.WebApplication host = default!;
    private int clubId;
    private long memberId;

    public async Task InitializeAsync()
    {
        fcm = await FakeFcm.StartAsync();
        var settings = database.Settings;
        settings["Fcm:Endpoint"] = fcm.BaseUrl.ToString();
        settings["Fcm:RetryBaseDelay"] = "00:00:00.010";
        host = PortalServices.BuildCliHost(settings);
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Portal.Features.Operations.DatabaseMaintenance>().MigrateAsync();
        var provider = scope.ServiceProvider;
        clubId = (await provider.GetRequiredService<Portal.Features.Clubs.ClubService>().CreateAsync("mall", "Mall", Actor.System)).Id;
        memberId = (await provider.GetRequiredService<MemberService>().CreateAsync(clubId,
            new MemberDraft { Properties = new JsonObject { ["email"] = "pia@example.no" } }, Actor.Import)).Value!.Id;
        var devices = provider.GetRequiredService<DeviceTokenService>();
        await devices.RegisterAsync(clubId, memberId, new DeviceRegistration("live-token", "android", "phone", "infinity-app"));
        await devices.RegisterAsync(clubId, memberId, new DeviceRegistration("dead-token", "ios", "old-phone", "infinity-app"));
        await provider.GetRequiredService<FirebaseProjectService>().SaveAsync(clubId, "infinity-app", null, fcm.ServiceAccountJson(), Actor.System);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await fcm.DisposeAsync();
        database.Dispose();
    }

    private async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    private static readonly PushContent Content = new() { Title = "Weekend offers", Body = "Open the app for your coupons" };

    [Fact]
    public async Task SendingToAMemberReportsEachTokenAndInvalidatesTheDeadOne()
    {
        fcm.Script("dead-token", new FakeAnswer(404, FcmErrorCodes.Unregistered, Message: "Requested entity was not found."));
        var reported = new List<PushDeliveryResult>();

        var outcome = (await WithAsync(p => p.GetRequiredService<PushService>().SendAsync(clubId, new PushTarget([memberId]), Content, false, Actor.Cli("marketer@example.com"),
            new InlineProgress(reported.Add)))).Value!;

        Assert.Equal(2, outcome.Results.Count);
        Assert.Equal(2, reported.Count);
        var live = outcome.Results.Single(r => r.Token == "live-token");
        var dead = outcome.Results.Single(r => r.Token == "dead-token");
        Assert.True(live.Success);
        Assert.False(dead.Success);
        Assert.Equal(FcmErrorCodes.Unregistered, dead.ErrorCode);
        Assert.StartsWith("Token no longer registered", dead.Explanation);
        Assert.Equal(1, database.Scalar("SELECT COUNT(*) FROM DeviceTokens WHERE Token = 'dead-token' AND Status = 'invalid' AND InvalidReason LIKE '%UNREGISTERED%'"));
        Assert.Equal(1, database.Scalar("SELECT COUNT(*) FROM DeviceTokens WHERE Token = 'live-token' AND Status = 'active'"));
        Assert.Equal(1, database.Scalar($"SELECT COUNT(*) FROM PushSends WHERE MessageId = '{outcome.MessageId}' AND Total = 2 AND Succeeded = 1 AND Failed = 1 AND CreatedBy = 'marketer@example.com'"));
        Assert.Equal(2, database.Scalar($"SELECT COUNT(*) FROM PushDeliveries WHERE PushSendId = {outcome.SendId} AND MemberId = {memberId}"));
        Assert.All(fcm.Requests, r => Assert.Equal(outcome.MessageId, r["message"]!["data"]![FcmPayload.MessageIdKey]!.GetValue<string>()));
    }

    [Fact]
    public async Task PastSendsAreListedAndCanBeLoadedToSendAgain()
    {
        var content = Content with { Data = new Dictionary<string, string> { ["offer"] = "42" } };
        var outcome = (await WithAsync(p => p.GetRequiredService<PushService>().SendAsync(clubId, new PushTarget([memberId]), content, false, Actor.Cli("marketer"), null))).Value!;

        var history = await WithAsync(p => p.GetRequiredService<PushService>().HistoryForClubAsync(clubId, "Weekend"));
        var past = await WithAsync(p => p.GetRequiredService<PushService>().LoadSendAsync(clubId, outcome.SendId));
        var foreign = await WithAsync(p => p.GetRequiredService<PushService>().LoadSendAsync(clubId + 1, outcome.SendId));

        var line = Assert.Single(history);
        Assert.Equal(outcome.MessageId, line.MessageId);
        Assert.Equal("member " + memberId, line.TargetDescription);
        Assert.NotNull(past);
        Assert.Equal([memberId], past.Value.Target.MemberIds);
        Assert.Equal("42", past.Value.Content.Data["offer"]);
        Assert.Equal(2, past.Value.Results.Count);
        Assert.Null(foreign);
        Assert.Empty(await WithAsync(p => p.GetRequiredService<PushService>().HistoryForClubAsync(clubId, "no such title")));
    }

    [Fact]
    public async Task TemplatesAndTestDevicesAreKeptPerClubAndTestDevicesCanBeTargeted()
    {
        var templated = Content with { Data = new Dictionary<string, string> { ["offer"] = "7" } };
        await WithAsync(async p =>
        {
            var library = p.GetRequiredService<PushLibraryService>();
            await library.SaveTemplateAsync(clubId, "Weekend", templated, Actor.System);
            await library.SaveTemplateAsync(clubId, "Weekend", templated with { Title = "Weekend v2" }, Actor.System);
            await library.SaveTestDeviceAsync(clubId, "Anna's Pixel", "anna-test-token", "infinity-app", "android", Actor.System);
            return 0;
        });

        var templates = await WithAsync(p => p.GetRequiredService<PushLibraryService>().TemplatesAsync(clubId));
        var loaded = await WithAsync(p => p.GetRequiredService<PushLibraryService>().TemplateAsync(clubId, templates.Single().Id));
        var foreign = await WithAsync(p => p.GetRequiredService<PushLibraryService>().TemplateAsync(clubId + 1, templates.Single().Id));
        var device = Assert.Single(await WithAsync(p => p.GetRequiredService<PushLibraryService>().TestDevicesAsync(clubId)));
        var outcome = (await WithAsync(p => p.GetRequiredService<PushService>().SendAsync(clubId, new PushTarget([]) { TestDeviceIds = [device.Id] }, Content, false, Actor.Cli("marketer"), null))).Value!;

        Assert.Equal("Weekend v2", loaded!.Title);
        Assert.Equal("7", loaded.Data["offer"]);
        Assert.Null(foreign);
        var result = Assert.Single(outcome.Results);
        Assert.Equal("anna-test-token", result.Token);
        Assert.True(result.Success);
        Assert.Equal(1, database.Scalar("SELECT COUNT(*) FROM PushSends WHERE TargetDescription = 'a test device'"));
        await using var scope = host.Services.CreateAsyncScope();
        await Assert.ThrowsAsync<PortalValidationException>(() => scope.ServiceProvider.GetRequiredService<PushLibraryService>().SaveTemplateAsync(clubId, " ", Content, Actor.System));
    }

    [Fact]
    public async Task ADryRunReportsADeadTokenButLeavesItAlone()
    {
        fcm.Script("dead-token", new FakeAnswer(404, FcmErrorCodes.Unregistered));

        var outcome = (await WithAsync(p => p.GetRequiredService<PushService>().SendAsync(clubId, new PushTarget([memberId]), Content, true, Actor.Cli("marketer"), null))).Value!;

        Assert.Equal(FcmErrorCodes.Unregistered, outcome.Results.Single(r => r.Token == "dead-token").ErrorCode);
        Assert.Equal(1, database.Scalar("SELECT COUNT(*) FROM DeviceTokens WHERE Token = 'dead-token' AND Status = 'active'"));
        Assert.All(fcm.Requests, r => Assert.True(r["validate_only"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task TokensOfAProjectWithoutCredentialsAreReportedNotSent()
    {
        var plan = await WithAsync(p => p.GetRequiredService<PushService>().PlanAsync(clubId, new PushTarget([], "stray-token", "other-app", "android")));
        Assert.Equal(["other-app"], plan.ProjectsWithoutCredentials);
        Assert.Equal(1, plan.TokensPerProject["other-app"]);

        var outcome = (await WithAsync(p => p.GetRequiredService<PushService>().SendAsync(clubId, new PushTarget([], "stray-token", "other-app"), Content, true, Actor.Cli("admin"), null))).Value!;

        var result = Assert.Single(outcome.Results);
        Assert.Equal(PushService.NoCredentials, result.ErrorCode);
        Assert.Contains("other-app", result.ErrorMessage);
        Assert.False(fcm.Attempts.ContainsKey("stray-token"));
    }

    [Fact]
    public async Task EmptyOrOversizedPushesAndTargetsWithoutTokensAreRefused()
    {
        var push = await WithAsync(p => Task.FromResult(p.GetRequiredService<PushService>()));
        await Assert.ThrowsAsync<PortalValidationException>(() => push.SendAsync(clubId, new PushTarget([memberId]), new PushContent(), false, Actor.Cli("a"), null));
        var huge = Content with { Body = new string('x', 5000) };
        var tooBig = await Assert.ThrowsAsync<PortalValidationException>(() => push.SendAsync(clubId, new PushTarget([memberId]), huge, false, Actor.Cli("a"), null));
        Assert.Contains("4,096", tooBig.Message);
        await Assert.ThrowsAsync<PortalValidationException>(() => push.SendAsync(clubId, new PushTarget([999_999]), Content, false, Actor.Cli("a"), null));
        Assert.Equal(0, database.Scalar("SELECT COUNT(*) FROM PushSends"));
    }

    [Fact]
    public async Task ServiceAccountKeysAreStoredEncryptedAndTestConnectionSaysWhatWorked()
    {
        Assert.Equal(0, database.Scalar("SELECT COUNT(*) FROM FirebaseProjects WHERE ProtectedServiceAccount LIKE '%PRIVATE KEY%' OR ProtectedServiceAccount LIKE '%service_account%'"));

        var (ok, report) = await WithAsync(p => p.GetRequiredService<FirebaseProjectService>().TestConnectionAsync(clubId, "infinity-app"));

        Assert.True(ok, report);
        Assert.Contains("portal@infinity-app.iam.gserviceaccount.com", report);
        Assert.Contains("topic", fcm.Requests.Last()["message"]!.AsObject().Select(p => p.Key));
        Assert.True(fcm.Requests.Last()["validate_only"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AnInvalidKeyIsRefusedAndNothingIsStored()
    {
        var error = await Assert.ThrowsAsync<PortalValidationException>(() => WithAsync(p =>
            p.GetRequiredService<FirebaseProjectService>().SaveAsync(clubId, "broken-app", null, """{"type":"service_account"}""", Actor.System)));

        Assert.Equal("key", error.Field);
        Assert.Equal(0, database.Scalar("SELECT COUNT(*) FROM FirebaseProjects WHERE Slug = 'broken-app'"));
    }

    private sealed class InlineProgress(Action<PushDeliveryResult> report) : IProgress<PushDeliveryResult>
    {
        public void Report(PushDeliveryResult value)
        {
            lock (this)
            {
                report(value);
            }
        }
    }
}
