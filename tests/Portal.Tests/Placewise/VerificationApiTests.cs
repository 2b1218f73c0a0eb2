using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Account;
using Portal.Features.Audit;
using Portal.Features.Members;
using Portal.Features.OneTimeCodes;
using static Portal.Tests.Placewise.MemberCodesWebFactory;

namespace Portal.Tests.Placewise;

/// <summary>
/// Placewise "Verification" (seed 000, Member › Verification: "Send Verification Email", "Send Verification SMS",
/// "Verify Email", "Verify MSISDN"), with the member token; the member JSON says <c>email_verified</c> / <c>msisdn_verified</c>.
/// </summary>
public class VerificationApiTests(MemberCodesWebFactory factory) : IClassFixture<MemberCodesWebFactory>, IAsyncLifetime
{
    private const string Me = "/v3/test-mall/members/me";
    private PlacewiseApi api = default!;

    public async Task InitializeAsync() =>
        api = new PlacewiseApi(factory.CreateBrowserlessClient(), await PlacewiseApi.CreateKeyAsync(factory));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task CodesFromTheOutboxVerifyTheEmailAndTheMsisdn()
    {
        var id = await CreateMemberAsync(api, "verify@example.no", "4746000001", "verify-password-1");
        var token = await AccessTokenAsync(api, "verify@example.no", "verify-password-1");
        Assert.Equal((false, false), await VerifiedAsync(token));

        var sentEmail = await AsMemberAsync(api, token, HttpMethod.Post, $"{Me}/send_verification_email");
        Assert.Equal(HttpStatusCode.OK, sentEmail.StatusCode);
        Assert.Equal("{}", await sentEmail.Content.ReadAsStringAsync());
        var emailCode = TestOutbox.LatestCode(factory.Database, "verify@example.no", "email_verification");
        var verifiedEmail = await AsMemberAsync(api, token, HttpMethod.Post, $"{Me}/verify_email", $$"""{"code":"{{emailCode}}"}""");
        Assert.Equal(HttpStatusCode.OK, verifiedEmail.StatusCode);
        Assert.Equal("{}", await verifiedEmail.Content.ReadAsStringAsync());
        Assert.Equal((true, false), await VerifiedAsync(token));

        Assert.Equal(HttpStatusCode.OK, (await AsMemberAsync(api, token, HttpMethod.Post, $"{Me}/send_verification_sms", "{}")).StatusCode);
        Assert.Equal(1, factory.Database.Scalar("SELECT COUNT(*) FROM OutboxMessages WHERE Recipient = '4746000001' AND Purpose = 'msisdn_verification' AND Channel = 'sms'"));
        var smsCode = TestOutbox.LatestCode(factory.Database, "4746000001", "msisdn_verification");
        Assert.Equal(HttpStatusCode.OK, (await AsMemberAsync(api, token, HttpMethod.Post, $"{Me}/verify_msisdn", $$"""{"code":"{{smsCode}}"}""")).StatusCode);

        Assert.Equal((true, true), await VerifiedAsync(token));
        Assert.Equal(1, factory.AuditCount(AuditActions.MemberEmailVerified, id));
        Assert.Equal(1, factory.AuditCount(AuditActions.MemberMsisdnVerified, id));
    }

    [Fact]
    public async Task WrongMissingAndUsedCodesAre422()
    {
        await CreateMemberAsync(api, "wrong-code@example.no", null, "verify-password-1");
        var token = await AccessTokenAsync(api, "wrong-code@example.no", "verify-password-1");
        await AsMemberAsync(api, token, HttpMethod.Post, $"{Me}/send_verification_email");
        var code = TestOutbox.LatestCode(factory.Database, "wrong-code@example.no", "email_verification");

        var wrong = await AsMemberAsync(api, token, HttpMethod.Post, $"{Me}/verify_email", $$"""{"code":"{{Other(code)}}"}""");
        var missing = await AsMemberAsync(api, token, HttpMethod.Post, $"{Me}/verify_email", "{}");
        var malformed = await AsMemberAsync(api, token, HttpMethod.Post, $"{Me}/verify_email", "nope");
        var right = await AsMemberAsync(api, token, HttpMethod.Post, $"{Me}/verify_email", $$"""{"code":"{{code}}"}""");
        var again = await AsMemberAsync(api, token, HttpMethod.Post, $"{Me}/verify_email", $$"""{"code":"{{code}}"}""");

        Assert.Equal(422, (int)wrong.StatusCode);
        Assert.Equal("""{"code":[{"property":"code","error":"invalid"}]}""", await wrong.Content.ReadAsStringAsync());
        Assert.Equal("""{"code":[{"property":"code","error":"presence"}]}""", await missing.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(422, (int)again.StatusCode);
    }

    [Fact]
    public async Task FiveWrongCodesKillTheRightOne()
    {
        await CreateMemberAsync(api, "five@example.no", null, "verify-password-1");
        var token = await AccessTokenAsync(api, "five@example.no", "verify-password-1");
        await AsMemberAsync(api, token, HttpMethod.Post, $"{Me}/send_verification_email");
        var code = TestOutbox.LatestCode(factory.Database, "five@example.no", "email_verification");

        for (var i = 0; i < OneTimeCodeService.MaxFailedAttempts; i++)
        {
            Assert.Equal(422, (int)(await AsMemberAsync(api, token, HttpMethod.Post, $"{Me}/verify_email", $$"""{"code":"{{Other(code)}}"}""")).StatusCode);
        }

        Assert.Equal(422, (int)(await AsMemberAsync(api, token, HttpMethod.Post, $"{Me}/verify_email", $$"""{"code":"{{code}}"}""")).StatusCode);
        Assert.Equal((false, false), await VerifiedAsync(token));
    }

    [Fact]
    public async Task ACodeExpiresAfterFifteenMinutes()
    {
        await CreateMemberAsync(api, "late@example.no", "4746000002", "verify-password-1");
        var token = await AccessTokenAsync(api, "late@example.no", "verify-password-1");
        await AsMemberAsync(api, token, HttpMethod.Post, $"{Me}/send_verification_sms");
        var code = TestOutbox.LatestCode(factory.Database, "4746000002", "msisdn_verification");

        factory.Clock.Advance(OneTimeCodeService.Lifetime + TimeSpan.FromSeconds(1));
        var late = await AsMemberAsync(api, token, HttpMethod.Post, $"{Me}/verify_msisdn", $$"""{"code":"{{code}}"}""");

        Assert.Equal(422, (int)late.StatusCode);
        Assert.Equal((false, false), await VerifiedAsync(token));
    }

    [Fact]
    public async Task ChangingTheEmailClearsItsVerificationAndTheOldCodeDoesNotProveTheNewAddress()
    {
        await CreateMemberAsync(api, "before@example.no", "4746000003", "verify-password-1");
        var token = await AccessTokenAsync(api, "before@example.no", "verify-password-1");
        await VerifyAsync(token, "email", "before@example.no", "email_verification");
        await VerifyAsync(token, "msisdn", "4746000003", "msisdn_verification");
        Assert.Equal((true, true), await VerifiedAsync(token));
        await AsMemberAsync(api, token, HttpMethod.Post, $"{Me}/send_verification_email");
        var codeForOldAddress = TestOutbox.LatestCode(factory.Database, "before@example.no", "email_verification");

        var update = await AsMemberAsync(api, token, HttpMethod.Put, Me, """{"properties":{"email":"after@example.no"}}""");

        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        var member = await PlacewiseApi.JsonAsync(update);
        Assert.False(member["email_verified"]!.GetValue<bool>());
        Assert.True(member["msisdn_verified"]!.GetValue<bool>());
        Assert.Equal(422, (int)(await AsMemberAsync(api, token, HttpMethod.Post, $"{Me}/verify_email", $$"""{"code":"{{codeForOldAddress}}"}""")).StatusCode);
        Assert.Equal((false, true), await VerifiedAsync(token));
    }

    [Fact]
    public async Task AnAdminChangingTheMobileNumberClearsItsVerification()
    {
        var id = await CreateMemberAsync(api, "admin-change@example.no", "4746000004", "verify-password-1");
        var token = await AccessTokenAsync(api, "admin-change@example.no", "verify-password-1");
        await VerifyAsync(token, "msisdn", "4746000004", "msisdn_verification");

        // The member form page saves through MemberService.UpdateAsync with the admin as actor.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MemberService>().UpdateAsync(factory.ClubId, id,
                new MemberChanges { Properties = new JsonObject { ["msisdn"] = "4746000005" } }, Actor.Admin("admin-id", "admin@example.com", null, [PortalRoles.Admin], [factory.ClubId]));
        }

        Assert.Equal((false, false), await VerifiedAsync(token));
    }

    [Fact]
    public async Task AMemberWithoutAMobileNumberHasNothingToVerifyBySms()
    {
        await CreateMemberAsync(api, "no-phone@example.no", null, "verify-password-1");
        var token = await AccessTokenAsync(api, "no-phone@example.no", "verify-password-1");

        var send = await AsMemberAsync(api, token, HttpMethod.Post, $"{Me}/send_verification_sms");
        var verify = await AsMemberAsync(api, token, HttpMethod.Post, $"{Me}/verify_msisdn", """{"code":"123456"}""");

        Assert.Equal(422, (int)send.StatusCode);
        Assert.Equal("""{"msisdn":[{"property":"msisdn","error":"presence"}]}""", await send.Content.ReadAsStringAsync());
        Assert.Equal("""{"msisdn":[{"property":"msisdn","error":"presence"}]}""", await verify.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EveryVerificationEndpointWantsAMemberToken()
    {
        foreach (var path in new[] { "send_verification_email", "send_verification_sms", "verify_email", "verify_msisdn" })
        {
            var response = await AsMemberAsync(api, "not-a-member-token", HttpMethod.Post, $"{Me}/{path}", """{"code":"123456"}""");
            Assert.Equal(460, (int)response.StatusCode);
            Assert.NotNull((await PlacewiseApi.JsonAsync(response))["error"]);
        }
    }

    private async Task VerifyAsync(string token, string what, string recipient, string purpose)
    {
        var sender = what == "email" ? "send_verification_email" : "send_verification_sms";
        Assert.Equal(HttpStatusCode.OK, (await AsMemberAsync(api, token, HttpMethod.Post, $"{Me}/{sender}")).StatusCode);
        var code = TestOutbox.LatestCode(factory.Database, recipient, purpose);
        Assert.Equal(HttpStatusCode.OK, (await AsMemberAsync(api, token, HttpMethod.Post, $"{Me}/verify_{what}", $$"""{"code":"{{code}}"}""")).StatusCode);
    }

    private async Task<(bool Email, bool Msisdn)> VerifiedAsync(string token)
    {
        var me = await PlacewiseApi.JsonAsync(await AsMemberAsync(api, token, HttpMethod.Get, Me));
        return (me["email_verified"]!.GetValue<bool>(), me["msisdn_verified"]!.GetValue<bool>());
    }

    private static string Other(string code) => code == "000000" ? "111111" : "000000";
}
