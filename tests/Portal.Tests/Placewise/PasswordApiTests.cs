using System.Net;
using System.Text.Json.Nodes;
using Portal.Features.ApiKeys;
using Portal.Features.Audit;
using static Portal.Tests.Placewise.MemberCodesWebFactory;

namespace Portal.Tests.Placewise;

/// <summary>
/// Placewise "Password" (seed 000, Member › Password: "Update Password", "Reset Password", "Send Password Reset
/// Token"): the seed names the pages only, so the bodies and answers are the ones the OpenAPI document gives.
/// </summary>
public class PasswordApiTests(MemberCodesWebFactory factory) : IClassFixture<MemberCodesWebFactory>, IAsyncLifetime
{
    private const string SendToken = "/v3/test-mall/members/send_password_reset_token";
    private const string Reset = "/v3/test-mall/members/reset_password";
    private const string UpdatePassword = "/v3/test-mall/members/me/password";
    private PlacewiseApi api = default!;

    public async Task InitializeAsync() =>
        api = new PlacewiseApi(factory.CreateBrowserlessClient(), await PlacewiseApi.CreateKeyAsync(factory));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ResetTokenFromTheOutboxResetsThePasswordAndRevokesTheOldTokens()
    {
        var id = await CreateMemberAsync(api, "reset@example.no", "4745000001", "old-password-1");
        var phone = await AccessTokenAsync(api, "reset@example.no", "old-password-1");
        var tablet = await AccessTokenAsync(api, "reset@example.no", "old-password-1");

        var sent = await api.SendAsync(HttpMethod.Post, SendToken, """{"email":"Reset@Example.no"}""");
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal("{}", await sent.Content.ReadAsStringAsync());
        var token = TestOutbox.LatestCode(factory.Database, "reset@example.no", "password_reset");

        var reset = await api.SendAsync(HttpMethod.Post, Reset, $$"""{"email":"reset@example.no","token":"{{token}}","password":"new-password-1"}""");

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal("{}", await reset.Content.ReadAsStringAsync());
        var signIn = await SignInAsync(api, "email", "reset@example.no", "new-password-1");
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal(id, (await PlacewiseApi.JsonAsync(signIn))["resource_owner_id"]!.GetValue<long>());
        Assert.Equal(461, (int)(await SignInAsync(api, "email", "reset@example.no", "old-password-1")).StatusCode);
        foreach (var old in new[] { phone, tablet })
        {
            Assert.Equal(460, (int)(await AsMemberAsync(api, old, HttpMethod.Get, "/v3/test-mall/members/me")).StatusCode);
        }
        Assert.Equal(1, factory.AuditCount(AuditActions.MemberPasswordReset, id));
    }

    [Fact]
    public async Task ResetByMsisdnGoesBySms()
    {
        await CreateMemberAsync(api, "sms-reset@example.no", "4745000002", "old-password-1");

        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Post, SendToken, """{"msisdn":"+47 450 00 002"}""")).StatusCode);
        var token = TestOutbox.LatestCode(factory.Database, "4745000002", "password_reset");
        var reset = await api.SendAsync(HttpMethod.Post, Reset, $$"""{"msisdn":"4745000002","token":"{{token}}","password":"new-password-2"}""");

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(1, factory.Database.Scalar("SELECT COUNT(*) FROM OutboxMessages WHERE Recipient = '4745000002' AND Purpose = 'password_reset' AND Channel = 'sms'"));
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(api, "msisdn", "4745000002", "new-password-2")).StatusCode);
    }

    [Fact]
    public async Task SendingATokenAnswersTheSameForAnAddressThatIsNoMembersAndSendsNothing()
    {
        await CreateMemberAsync(api, "known@example.no", null, "known-password-1");

        var known = await api.SendAsync(HttpMethod.Post, SendToken, """{"email":"known@example.no"}""");
        var unknown = await api.SendAsync(HttpMethod.Post, SendToken, """{"email":"unknown@example.no"}""");

        Assert.Equal((known.StatusCode, await known.Content.ReadAsStringAsync()), (unknown.StatusCode, await unknown.Content.ReadAsStringAsync()));
        Assert.Equal(1, factory.Database.Scalar("SELECT COUNT(*) FROM OutboxMessages WHERE Recipient = 'known@example.no' AND Purpose = 'password_reset'"));
        Assert.Equal(0, factory.Database.Scalar("SELECT COUNT(*) FROM OutboxMessages WHERE Recipient = 'unknown@example.no'"));
        // Nothing to guess for an address that is no member's: any token is the same 422 as a wrong one.
        var reset = await api.SendAsync(HttpMethod.Post, Reset, """{"email":"unknown@example.no","token":"123456","password":"new-password-3"}""");
        Assert.Equal(422, (int)reset.StatusCode);
        Assert.Equal("""{"token":[{"property":"token","error":"invalid"}]}""", await reset.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SendingATokenRefusesABodyWithoutAValidAddress()
    {
        var none = await api.SendAsync(HttpMethod.Post, SendToken, "{}");
        Assert.Equal(422, (int)none.StatusCode);
        Assert.Equal("""{"email":[{"property":"email","error":"presence"}],"msisdn":[{"property":"msisdn","error":"presence"}]}""",
            await none.Content.ReadAsStringAsync());

        var invalid = await api.SendAsync(HttpMethod.Post, SendToken, """{"email":"not-an-address"}""");
        Assert.Equal(422, (int)invalid.StatusCode);
        Assert.Equal("""{"email":[{"property":"email","error":"invalid_email"}]}""", await invalid.Content.ReadAsStringAsync());

        var wrongType = await api.SendAsync(HttpMethod.Post, SendToken, """{"msisdn":4745000009}""");
        Assert.Equal(422, (int)wrongType.StatusCode);
        Assert.Equal("""{"msisdn":[{"property":"msisdn","error":"invalid_string"}]}""", await wrongType.Content.ReadAsStringAsync());

        var malformed = await api.SendAsync(HttpMethod.Post, SendToken, "{\"email\":");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.NotNull((await PlacewiseApi.JsonAsync(malformed))["error"]);
    }

    [Fact]
    public async Task TheResetEndpointsNeedAClientTokenWithThePasswordResetPermit()
    {
        var noToken = await new PlacewiseApi(factory.CreateBrowserlessClient(), "pk_nobody_nothing").SendAsync(HttpMethod.Post, SendToken, """{"email":"a@example.no"}""");
        var otherPermits = new PlacewiseApi(factory.CreateBrowserlessClient(), await PlacewiseApi.CreateKeyAsync(factory, ApiPermits.MembersOtp));

        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherPermits.SendAsync(HttpMethod.Post, SendToken, """{"email":"a@example.no"}""")).StatusCode);
        var forbidden = await otherPermits.SendAsync(HttpMethod.Post, Reset, """{"email":"a@example.no","token":"123456","password":"new-password-4"}""");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains(ApiPermits.MembersPasswordReset, (await PlacewiseApi.JsonAsync(forbidden))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task ATokenExpiresAfterFifteenMinutes()
    {
        await CreateMemberAsync(api, "expiry@example.no", null, "old-password-1");
        await api.SendAsync(HttpMethod.Post, SendToken, """{"email":"expiry@example.no"}""");
        var token = TestOutbox.LatestCode(factory.Database, "expiry@example.no", "password_reset");

        factory.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        var reset = await api.SendAsync(HttpMethod.Post, Reset, $$"""{"email":"expiry@example.no","token":"{{token}}","password":"new-password-5"}""");

        Assert.Equal(422, (int)reset.StatusCode);
        Assert.Equal("""{"token":[{"property":"token","error":"invalid"}]}""", await reset.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(api, "email", "expiry@example.no", "old-password-1")).StatusCode);
    }

    [Fact]
    public async Task FiveWrongTokensKillTheRightOne()
    {
        await CreateMemberAsync(api, "guess@example.no", null, "old-password-1");
        await api.SendAsync(HttpMethod.Post, SendToken, """{"email":"guess@example.no"}""");
        var token = TestOutbox.LatestCode(factory.Database, "guess@example.no", "password_reset");
        var wrong = token == "000000" ? "111111" : "000000";

        for (var i = 0; i < 5; i++)
        {
            var guess = await api.SendAsync(HttpMethod.Post, Reset, $$"""{"email":"guess@example.no","token":"{{wrong}}","password":"new-password-6"}""");
            Assert.Equal(422, (int)guess.StatusCode);
        }
        var right = await api.SendAsync(HttpMethod.Post, Reset, $$"""{"email":"guess@example.no","token":"{{token}}","password":"new-password-6"}""");

        Assert.Equal(422, (int)right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(api, "email", "guess@example.no", "old-password-1")).StatusCode);
    }

    [Fact]
    public async Task ATokenWorksOnceAndOnlyTheNewestCounts()
    {
        await CreateMemberAsync(api, "once@example.no", null, "old-password-1");
        await api.SendAsync(HttpMethod.Post, SendToken, """{"email":"once@example.no"}""");
        var first = TestOutbox.LatestCode(factory.Database, "once@example.no", "password_reset");
        await api.SendAsync(HttpMethod.Post, SendToken, """{"email":"once@example.no"}""");
        var second = TestOutbox.LatestCode(factory.Database, "once@example.no", "password_reset");

        if (first != second)
        {
            var replaced = await api.SendAsync(HttpMethod.Post, Reset, $$"""{"email":"once@example.no","token":"{{first}}","password":"new-password-7"}""");
            Assert.Equal(422, (int)replaced.StatusCode);
        }
        var used = await api.SendAsync(HttpMethod.Post, Reset, $$"""{"email":"once@example.no","token":"{{second}}","password":"new-password-7"}""");
        var again = await api.SendAsync(HttpMethod.Post, Reset, $$"""{"email":"once@example.no","token":"{{second}}","password":"new-password-8"}""");

        Assert.Equal(HttpStatusCode.OK, used.StatusCode);
        Assert.Equal(422, (int)again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(api, "email", "once@example.no", "new-password-7")).StatusCode);
    }

    [Fact]
    public async Task ATooShortPasswordIsRefusedWithoutUsingUpTheToken()
    {
        await CreateMemberAsync(api, "short@example.no", null, "old-password-1");
        await api.SendAsync(HttpMethod.Post, SendToken, """{"email":"short@example.no"}""");
        var token = TestOutbox.LatestCode(factory.Database, "short@example.no", "password_reset");

        var tooShort = await api.SendAsync(HttpMethod.Post, Reset, $$"""{"email":"short@example.no","token":"{{token}}","password":"short"}""");
        var missingToken = await api.SendAsync(HttpMethod.Post, Reset, """{"email":"short@example.no","password":"long-enough-1"}""");
        var good = await api.SendAsync(HttpMethod.Post, Reset, $$"""{"email":"short@example.no","token":"{{token}}","password":"long-enough-1"}""");

        Assert.Equal(422, (int)tooShort.StatusCode);
        Assert.Equal("""{"password":[{"property":"password","error":"too_short"}]}""", await tooShort.Content.ReadAsStringAsync());
        Assert.Equal("""{"token":[{"property":"token","error":"presence"}]}""", await missingToken.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }

    [Fact]
    public async Task UpdatePasswordNeedsTheCurrentOneAndKeepsOnlyTheTokenItCameWith()
    {
        var id = await CreateMemberAsync(api, "update-pw@example.no", null, "old-password-1");
        var used = await AccessTokenAsync(api, "update-pw@example.no", "old-password-1");
        var other = await AccessTokenAsync(api, "update-pw@example.no", "old-password-1");

        var missing = await AsMemberAsync(api, used, HttpMethod.Put, UpdatePassword, """{"password":"new-password-9"}""");
        var wrong = await AsMemberAsync(api, used, HttpMethod.Put, UpdatePassword, """{"current_password":"not-it-at-all","password":"new-password-9"}""");
        var tooShort = await AsMemberAsync(api, used, HttpMethod.Put, UpdatePassword, """{"current_password":"old-password-1","password":"short"}""");
        Assert.Equal("""{"current_password":[{"property":"current_password","error":"presence"}]}""", await missing.Content.ReadAsStringAsync());
        Assert.Equal("""{"current_password":[{"property":"current_password","error":"invalid"}]}""", await wrong.Content.ReadAsStringAsync());
        Assert.Equal("""{"password":[{"property":"password","error":"too_short"}]}""", await tooShort.Content.ReadAsStringAsync());
        Assert.All(new[] { missing, wrong, tooShort }, r => Assert.Equal(422, (int)r.StatusCode));
        Assert.Equal(0, factory.AuditCount(AuditActions.MemberPasswordChanged, id));

        var changed = await AsMemberAsync(api, used, HttpMethod.Put, UpdatePassword, """{"current_password":"old-password-1","password":"new-password-9"}""");

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("{}", await changed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await AsMemberAsync(api, used, HttpMethod.Get, "/v3/test-mall/members/me")).StatusCode);
        Assert.Equal(460, (int)(await AsMemberAsync(api, other, HttpMethod.Get, "/v3/test-mall/members/me")).StatusCode);
        Assert.Equal(461, (int)(await SignInAsync(api, "email", "update-pw@example.no", "old-password-1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(api, "email", "update-pw@example.no", "new-password-9")).StatusCode);
        Assert.Equal(1, factory.AuditCount(AuditActions.MemberPasswordChanged, id));
    }

    [Fact]
    public async Task AMemberWithoutAPasswordSetsOneWithoutACurrentOne()
    {
        var (id, token) = await factory.CreateMemberWithoutPasswordAsync("social@example.no");

        var set = await AsMemberAsync(api, token, HttpMethod.Put, UpdatePassword, """{"password":"first-password-1"}""");

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var me = await PlacewiseApi.JsonAsync(await AsMemberAsync(api, token, HttpMethod.Get, "/v3/test-mall/members/me"));
        Assert.True(me["has_password"]!.GetValue<bool>());
        Assert.Equal(id, me["id"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(api, "email", "social@example.no", "first-password-1")).StatusCode);
    }

    [Fact]
    public async Task UpdatePasswordWantsAMemberTokenAndAJsonObject()
    {
        var (_, token) = await factory.CreateMemberWithoutPasswordAsync("token-less@example.no");

        var noToken = await api.SendAsync(HttpMethod.Put, UpdatePassword, """{"password":"first-password-1"}""");
        var malformed = await AsMemberAsync(api, token, HttpMethod.Put, UpdatePassword, "[1]");
        var wrongType = await AsMemberAsync(api, token, HttpMethod.Put, UpdatePassword, """{"password":12345678}""");

        Assert.Equal(460, (int)noToken.StatusCode);
        Assert.NotNull((await PlacewiseApi.JsonAsync(noToken))["error"]);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("""{"password":[{"property":"password","error":"invalid_string"}]}""", await wrongType.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UpdateMemberDoesNotChangeThePassword()
    {
        await CreateMemberAsync(api, "not-here@example.no", null, "old-password-1");
        var token = await AccessTokenAsync(api, "not-here@example.no", "old-password-1");

        var update = await AsMemberAsync(api, token, HttpMethod.Put, "/v3/test-mall/members/me", """{"password":"sneaky-password-1","properties":{"first_name":"Kari"}}""");

        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(api, "email", "not-here@example.no", "old-password-1")).StatusCode);
        Assert.Equal(461, (int)(await SignInAsync(api, "email", "not-here@example.no", "sneaky-password-1")).StatusCode);
    }
}
