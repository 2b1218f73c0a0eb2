using System.Net;
using Portal.Features.Schema;
using Portal.Features.OneTimeCodes;
using static Portal.Tests.Placewise.MemberCodesWebFactory;

namespace Portal.Tests.Placewise;

/// <summary>
/// Placewise "Send Registration Password" and "Send OTP" (seed 000, Member › Authentication): who gets a code, and
/// the answers when nobody should. The rules are <c>OneTimeCodeService</c>'s; this pins the vendor bodies.
/// </summary>
public class CodeSendApiTests(MemberCodesWebFactory factory) : IClassFixture<MemberCodesWebFactory>, IAsyncLifetime
{
    private const string Members = "/v3/test-mall/members";
    private PlacewiseApi api = default!;

    public async Task InitializeAsync() =>
        api = new PlacewiseApi(factory.CreateBrowserlessClient(), await PlacewiseApi.CreateKeyAsync(factory));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ARegistrationCodeForAnAddressAlreadyAMembersIsRefusedAndNotSent()
    {
        await CreateMemberAsync(api, "taken@example.no", "4746000001", "taken-password-1");

        var byEmail = await api.SendAsync(HttpMethod.Post, $"{Members}/registration_password/email", """{"email":"Taken@Example.no"}""");
        var bySms = await api.SendAsync(HttpMethod.Post, $"{Members}/registration_password/sms", """{"msisdn":"+47 460 00 001"}""");

        Assert.Equal(422, (int)byEmail.StatusCode);
        Assert.Equal($$"""{"email":[{"property":"email","error":"{{PropertyErrorCodes.DuplicatedEmail}}"}]}""", await byEmail.Content.ReadAsStringAsync());
        Assert.Equal(422, (int)bySms.StatusCode);
        Assert.Equal($$"""{"msisdn":[{"property":"msisdn","error":"{{PropertyErrorCodes.DuplicatedMsisdn}}"}]}""", await bySms.Content.ReadAsStringAsync());
        Assert.Equal(0, factory.Database.Scalar("SELECT COUNT(*) FROM OutboxMessages WHERE Purpose = 'registration_password' AND Recipient IN ('taken@example.no', '4746000001')"));
    }

    [Fact]
    public async Task ARegistrationCodeGoesToAFreeAddressNormalised()
    {
        var sent = await api.SendAsync(HttpMethod.Post, $"{Members}/registration_password/email", """{"email":" Free@Example.no "}""");

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal("{}", await sent.Content.ReadAsStringAsync());
        Assert.Equal(1, factory.Database.Scalar("SELECT COUNT(*) FROM OutboxMessages WHERE Purpose = 'registration_password' AND Recipient = 'free@example.no' AND Channel = 'email'"));
    }

    [Theory]
    [InlineData("registration_password/email", """{"email":"not-an-address"}""", """{"email":[{"property":"email","error":"invalid_email"}]}""")]
    [InlineData("registration_password/email", """{}""", """{"email":[{"property":"email","error":"invalid_email"}]}""")]
    [InlineData("registration_password/sms", """{"msisdn":"12"}""", """{"msisdn":[{"property":"msisdn","error":"invalid_msisdn"}]}""")]
    [InlineData("registration_password/sms", """{"msisdn":4746000003}""", """{"msisdn":[{"property":"msisdn","error":"invalid_msisdn"}]}""")]
    public async Task ARegistrationCodeForAnInvalidAddressIs422(string path, string body, string expected)
    {
        var response = await api.SendAsync(HttpMethod.Post, $"{Members}/{path}", body);

        Assert.Equal(422, (int)response.StatusCode);
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ARegistrationCodeRequestThatIsNoJsonObjectIs400()
    {
        var response = await api.SendAsync(HttpMethod.Post, $"{Members}/registration_password/sms", "[1]");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("""{"error":"The body is not a JSON object"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ASignInCodeGoesToTheMembersOwnAddressForTheChannel()
    {
        await CreateMemberAsync(api, "crossed@example.no", "4746000002", "crossed-password-1");

        var textByEmail = await api.SendAsync(HttpMethod.Post, $"{Members}/otp/sms_by_email", """{"email":"CROSSED@example.no"}""");
        var mailByMsisdn = await api.SendAsync(HttpMethod.Post, $"{Members}/otp/email_by_msisdn", """{"msisdn":"+47 460 00 002"}""");
        var text = await api.SendAsync(HttpMethod.Post, $"{Members}/otp/sms", """{"msisdn":"004746000002"}""");

        foreach (var response in new[] { textByEmail, mailByMsisdn, text })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("{}", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(2, factory.Database.Scalar("SELECT COUNT(*) FROM OutboxMessages WHERE Purpose = 'otp' AND Recipient = '4746000002' AND Channel = 'sms'"));
        Assert.Equal(1, factory.Database.Scalar("SELECT COUNT(*) FROM OutboxMessages WHERE Purpose = 'otp' AND Recipient = 'crossed@example.no' AND Channel = 'email'"));
    }

    [Theory]
    [InlineData("otp/sms", """{"msisdn":"4746000099"}""")]
    [InlineData("otp/email", """{"email":"nobody@example.no"}""")]
    [InlineData("otp/sms_by_email", """{"email":"no-mobile@example.no"}""")]
    [InlineData("otp/email", """{"email":12}""")]
    [InlineData("otp/email", """{}""")]
    [InlineData("otp/sms", "[1]")]
    public async Task ASignInCodeForNoMemberOrAMemberWithoutThatAddressIs404AndSendsNothing(string path, string body)
    {
        if (factory.Database.Scalar("SELECT COUNT(*) FROM Members WHERE Email = 'no-mobile@example.no'") == 0)
        {
            await CreateMemberAsync(api, "no-mobile@example.no", null, "no-mobile-password-1");
        }
        var before = factory.Database.Scalar("SELECT COUNT(*) FROM OutboxMessages WHERE Purpose = 'otp'");

        var response = await api.SendAsync(HttpMethod.Post, $"{Members}/{path}", body);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("""{"error":"Member not found"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, factory.Database.Scalar("SELECT COUNT(*) FROM OutboxMessages WHERE Purpose = 'otp'"));
    }
}
