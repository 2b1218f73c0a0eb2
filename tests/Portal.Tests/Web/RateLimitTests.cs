using System.Net;
using Portal.Tests.Placewise;

namespace Portal.Tests.Web;

/// <summary>The app with low limits, to see them bite: 429 with Retry-After, per IP or per key.</summary>
public sealed class RateLimitedWebFactory : PortalWebFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
    [
        new("RateLimits:SignInPerIpPerMinute", "3"),
        new("RateLimits:ApiPerKeyPerMinute", "5"),
        new("RateLimits:CodeSendsPerIpPerMinute", "2"),
    ];
}

public class RateLimitTests(RateLimitedWebFactory factory) : IClassFixture<RateLimitedWebFactory>
{
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
}
