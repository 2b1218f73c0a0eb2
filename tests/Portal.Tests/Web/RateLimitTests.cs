using System.Net;
using Portal.Tests.Placewise;
using Portal.Features.Placewise;

namespace Portal.Tests.Web;

/// <summary>
/// The app with low limits, to see them bite: 429 with Retry-After, per IP, per member token, per key and address.
/// The window is a day, so no window rolls over mid-test and the counts do not depend on the clock.
/// </summary>
public sealed class RateLimitedWebFactory : PortalWebFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
    [
        new("RateLimits:SignInPerIpPerMinute", "3"),
        new("RateLimits:ApiPerClientAddressPerMinute", "5"),
        new("RateLimits:ApiPerMemberTokenPerMinute", "10"),
        new("RateLimits:ApiPerAddressPerMinute", "40"),
        new("RateLimits:CodeSendsPerIpPerMinute", "2"),
        new("RateLimits:Window", "1.00:00:00"),
    ];

    /// <summary>A client whose requests come from <paramref name="address"/>, as if from another phone or network.</summary>
    public HttpClient CreateClientFrom(string address)
    {
        var ip = IPAddress.Parse(address);
        return new HttpClient(Server.CreateHandler(context => context.Connection.RemoteIpAddress = ip)) { BaseAddress = Server.BaseAddress };
    }
}

public class RateLimitTests(RateLimitedWebFactory factory) : IClassFixture<RateLimitedWebFactory>
{
    // What Placewise answers a made-up member token once the limiter has let the call through.
    private const HttpStatusCode InvalidMemberToken = (HttpStatusCode)Portal.Features.Placewise.PlacewiseErrors.InvalidMemberToken;

    [Fact]
    public async Task SignInAttemptsBeyondTheLimitGet429WithRetryAfter()
    {
        var client = factory.CreateBrowserlessClient();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add((await HtmlForm.SignInAsync(client, "nobody@example.com", "WrongPassword1")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
        var limited = await HtmlForm.SubmitAsync(client, "/account/login", new Dictionary<string, string> { ["Input.Email"] = "a@b.c", ["Input.Password"] = "x" });
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("Too many attempts", await limited.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EachApiKeyHasItsOwnBudget()
    {
        var first = new PlacewiseApi(factory.CreateBrowserlessClient(), await PlacewiseApi.CreateKeyAsync(factory));
        var second = new PlacewiseApi(factory.CreateBrowserlessClient(), await PlacewiseApi.CreateKeyAsync(factory));

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add((await first.SendAsync(HttpMethod.Get, "/v3/test-mall/schema")).StatusCode);
        }
        var other = await second.SendAsync(HttpMethod.Get, "/v3/test-mall/schema");

        Assert.Equal(5, answers.Count(a => a == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        var limited = await first.SendAsync(HttpMethod.Get, "/v3/test-mall/schema");
        Assert.NotNull(limited.Headers.RetryAfter);
        // Under /v3 the answer is Placewise's {"error": "..."}, like every other error there.
        Assert.Equal("application/json", limited.Content.Headers.ContentType?.MediaType);
        var body = System.Text.Json.Nodes.JsonNode.Parse(await limited.Content.ReadAsStringAsync())!;
        Assert.StartsWith("Too many requests", body["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task CodeSendersAreLimitedPerAddress()
    {
        var api = new PlacewiseApi(factory.CreateBrowserlessClient(), await PlacewiseApi.CreateKeyAsync(factory));
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add((await api.SendAsync(HttpMethod.Post, "/v3/test-mall/members/registration_password/sms", $$"""{"msisdn":"47900{{i}}0000"}""")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(2, factory.Database.Scalar("SELECT COUNT(*) FROM OutboxMessages WHERE Purpose = 'registration_password'"));
    }
    [Fact]
    public async Task PasswordResetAndVerificationSendersShareTheCodeBudgetOfTheAddress()
    {
        var key = await PlacewiseApi.CreateKeyAsync(factory);
        var api = new PlacewiseApi(factory.CreateClientFrom("10.7.0.1"), key);
        var answers = new List<HttpStatusCode>
        {
            (await api.SendAsync(HttpMethod.Post, "/v3/test-mall/members/send_password_reset_token", """{"email":"limit-1@example.no"}""")).StatusCode,
            (await api.SendAsync(HttpMethod.Post, "/v3/test-mall/members/send_password_reset_token", """{"msisdn":"4790700001"}""")).StatusCode,
            (await api.SendAsync(HttpMethod.Post, "/v3/test-mall/members/send_password_reset_token", """{"email":"limit-2@example.no"}""")).StatusCode,
            // A made-up member token: the limiter counts the call before authentication would refuse it.
            (await api.SendAsync(HttpMethod.Post, "/v3/test-mall/members/me/send_verification_email", tweak: r => r.Headers.Authorization = new("Bearer", "made-up"))).StatusCode,
        };
        var elsewhere = new PlacewiseApi(factory.CreateClientFrom("10.7.0.2"), key);
        var sms = await elsewhere.SendAsync(HttpMethod.Post, "/v3/test-mall/members/me/send_verification_sms", tweak: r => r.Headers.Authorization = new("Bearer", "made-up"));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(InvalidMemberToken, sms.StatusCode);
    }

    [Fact]
    public async Task AFleetOfMemberTokensThroughOneClientKeyIsNotThrottled()
    {
        // 2,000 installations of one club's app, 10 behind each of 200 addresses, 2 calls each: 4,000 calls on a client
        // key whose own budget (5 per address) the old per-key partition would have spent on the fifth call.
        var key = await PlacewiseApi.CreateKeyAsync(factory);
        var answers = new List<HttpStatusCode>();
        for (var address = 0; address < 200; address++)
        {
            var api = new PlacewiseApi(factory.CreateClientFrom($"10.1.{address / 256}.{address % 256}"), key);
            for (var installation = 0; installation < 10; installation++)
            {
                var memberToken = $"fleet-member-{address}-{installation}";
                for (var call = 0; call < 2; call++)
                {
                    answers.Add((await api.SendAsync(HttpMethod.Get, "/v3/test-mall/members/me", tweak: r => r.Headers.Authorization = new("Bearer", memberToken))).StatusCode);
                }
            }
        }

        // The tokens are made up, so authentication refuses each one: every call got past the limiter.
        Assert.Equal(4000, answers.Count);
        Assert.All(answers, answer => Assert.Equal(InvalidMemberToken, answer));
    }

    [Fact]
    public async Task OneMemberTokenHammeringGets429WithRetryAfterWhileOthersAtTheSameAddressDoNot()
    {
        var api = new PlacewiseApi(factory.CreateClientFrom("10.2.0.1"), await PlacewiseApi.CreateKeyAsync(factory));
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            answers.Add((await api.SendAsync(HttpMethod.Get, "/v3/test-mall/members/me", tweak: r => r.Headers.Authorization = new("Bearer", "hammering-member"))).StatusCode);
        }
        var limited = await api.SendAsync(HttpMethod.Get, "/v3/test-mall/members/me", tweak: r => r.Headers.Authorization = new("Bearer", "hammering-member"));
        var neighbour = await api.SendAsync(HttpMethod.Get, "/v3/test-mall/members/me", tweak: r => r.Headers.Authorization = new("Bearer", "quiet-member"));

        Assert.Equal(10, answers.Count(a => a == InvalidMemberToken));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var body = System.Text.Json.Nodes.JsonNode.Parse(await limited.Content.ReadAsStringAsync())!;
        Assert.StartsWith("Too many requests", body["error"]!.GetValue<string>());
        Assert.Equal(InvalidMemberToken, neighbour.StatusCode);
    }

    [Fact]
    public async Task OneAddressWithOnlyTheClientTokenGets429WhileTheSameKeyElsewhereDoesNot()
    {
        var key = await PlacewiseApi.CreateKeyAsync(factory);
        var hammering = new PlacewiseApi(factory.CreateClientFrom("10.3.0.1"), key);
        var elsewhere = new PlacewiseApi(factory.CreateClientFrom("10.3.0.2"), key);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add((await hammering.SendAsync(HttpMethod.Get, "/v3/test-mall/schema")).StatusCode);
        }
        var limited = await hammering.SendAsync(HttpMethod.Get, "/v3/test-mall/schema");
        var other = await elsewhere.SendAsync(HttpMethod.Get, "/v3/test-mall/schema");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task MadeUpMemberTokensRotatedFromOneAddressHitTheAddressCap()
    {
        var api = new PlacewiseApi(factory.CreateClientFrom("10.4.0.1"), await PlacewiseApi.CreateKeyAsync(factory));
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 41; i++)
        {
            var madeUp = Guid.NewGuid().ToString("N");
            answers.Add((await api.SendAsync(HttpMethod.Get, "/v3/test-mall/members/me", tweak: r => r.Headers.Authorization = new("Bearer", madeUp))).StatusCode);
        }

        Assert.Equal(40, answers.Count(a => a == InvalidMemberToken));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
    }

    [Fact]
    public async Task AnIpv6ClientIsOneAddressAcrossItsSlash64()
    {
        var key = await PlacewiseApi.CreateKeyAsync(factory);
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 41; i++)
        {
            var api = new PlacewiseApi(factory.CreateClientFrom($"2001:db8:5:6::{i + 1:x}"), key);
            answers.Add((await api.SendAsync(HttpMethod.Get, "/v3/test-mall/members/me", tweak: r => r.Headers.Authorization = new("Bearer", $"v6-member-{i}"))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
        Assert.Equal(40, answers.Count(a => a == InvalidMemberToken));
    }

    [Fact]
    public async Task AnApiKeyUnderApiIsLimitedPerAddressWithCentrapaysErrorBody()
    {
        var key = await PlacewiseApi.CreateKeyAsync(factory);
        async Task<HttpResponseMessage> ListFrom(string address)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/accounts/some-account/applet-memberships");
            request.Headers.Add("x-api-key", key);
            return await factory.CreateClientFrom(address).SendAsync(request);
        }

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add((await ListFrom("10.5.0.1")).StatusCode);
        }
        var limited = await ListFrom("10.5.0.1");
        var elsewhere = await ListFrom("10.5.0.2");

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, answers[..5]);
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        // Centrapay apps read {"statusCode","error","message"} whatever went wrong, a 429 included (issue 16).
        var problem = Portal.Tests.Security.ApiErrorFormatCheck.Problem(Portal.Tests.Security.ApiErrorFormat.Centrapay, HttpStatusCode.TooManyRequests,
            limited.Content.Headers.ContentType?.MediaType, await limited.Content.ReadAsStringAsync());
        Assert.Null(problem);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, elsewhere.StatusCode);
    }
}
