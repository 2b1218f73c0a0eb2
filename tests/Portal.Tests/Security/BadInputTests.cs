using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Tests.Placewise;

namespace Portal.Tests.Security;

/// <summary>
/// Issue 8's bad-input corpus, run against every API endpoint the app maps: each case answers 4xx in the
/// endpoint's own error format (or 2xx when the input is in fact valid), never 5xx, and a refused request
/// leaves every table as it was.
/// </summary>
public class BadInputTests(SecurityWebFactory factory) : IClassFixture<SecurityWebFactory>
{
    /// <summary>Endpoints with no credential, route value, query parameter or body: there is no bad input to send.</summary>
    private static readonly string[] NothingToVary = ["GET /health"];

    public static TheoryData<string> Endpoints => new(BadInputEntries.All.Keys.Except(NothingToVary).Order(StringComparer.Ordinal));

    public static TheoryData<string> MassAssignable => new(BadInputEntries.All.Where(e => e.Value.MassAssignment is not null).Select(e => e.Key).Order(StringComparer.Ordinal));

    private CorpusContext Context() => new(factory, factory.SpareMemberA.Id, factory.SpareMemberA.AccessToken, factory.SpareMemberA.AccountId);

    [Fact]
    public void EveryApiEndpointHasACorpusEntryThatKnowsWhetherItTakesABody()
    {
        var endpoints = ApiEndpoint.All(factory.Services);

        Assert.Equal(endpoints.Select(e => e.Key).Order(StringComparer.Ordinal), BadInputEntries.All.Keys.Order(StringComparer.Ordinal));
        Assert.True(endpoints.Count >= 30, $"only {endpoints.Count} API endpoints found");
        // Only the endpoints named as taking no input may be left out of the corpus run.
        Assert.Equal(NothingToVary, endpoints.Where(e => MinimumCases(e, BadInputEntries.All[e.Key]) == 0).Select(e => e.Key).Order(StringComparer.Ordinal));
        foreach (var endpoint in endpoints)
        {
            Assert.True((endpoint.JsonBody is not null) == (BadInputEntries.All[endpoint.Key].Body is not null),
                $"{endpoint.Key}: the corpus and the endpoint disagree on whether it reads a JSON body");
        }
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task BadInputGets4xxInTheEndpointsFormatNever5xxAndWritesNothing(string endpointKey)
    {
        var endpoint = ApiEndpoint.All(factory.Services).Single(e => e.Key == endpointKey);
        var entry = BadInputEntries.All[endpointKey];
        var context = Context();
        var client = factory.CreateBrowserlessClient();
        var failures = new List<string>();
        var cases = 0;

        foreach (var corpusCase in BadInputCorpus.For(endpoint, entry))
        {
            cases++;
            using var request = corpusCase.Build(context);
            var sent = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync();
            var before = DatabaseFingerprint.Take(factory.Database);
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            var problem = Judge(entry, corpusCase, response, body);
            if (problem is null && status is >= 400 and < 500)
            {
                var changed = DatabaseFingerprint.Changed(before, DatabaseFingerprint.Take(factory.Database));
                problem = changed.Count == 0 ? null : $"refused with {status} but changed {string.Join("; ", changed)}";
            }
            if (problem is null && status is >= 200 and < 300 && corpusCase.StoredField?.ReadBack is { } readBack)
            {
                var stored = await readBack(context, JsonNode.Parse(sent!)!.AsObject(), response);
                problem = stored == corpusCase.StoredValue ? null
                    : $"accepted but stored {JsonSerializer.Serialize(stored)} instead of {JsonSerializer.Serialize(corpusCase.StoredValue)}";
            }
            if (problem is not null)
            {
                failures.Add($"{corpusCase.Name}: {problem}");
            }
        }

        // A corpus that silently yields nothing (or a part of it that stops yielding) must not pass as "no failures".
        var expectedAtLeast = MinimumCases(endpoint, entry);
        Assert.True(expectedAtLeast > 0, $"{endpointKey}: the corpus has no case for this endpoint");
        Assert.True(cases >= expectedAtLeast, $"{endpointKey}: only {cases} cases ran, the corpus defines at least {expectedAtLeast}");
        Assert.True(failures.Count == 0, $"{endpointKey}: {failures.Count} of {cases} cases failed:\n" + string.Join("\n", failures));
    }

    /// <summary>
    /// A lower bound computed from the corpus tables and the entry's shape, independently of the generator: every
    /// bad credential, every bad route and query value, every malformed body plus the three whole-body cases, and at
    /// least three cases (null, huge array, deep nesting) per body field.
    /// </summary>
    private static int MinimumCases(ApiEndpoint endpoint, CorpusEntry entry) =>
        (entry.CredentialHeader is null ? 0 : BadInputCorpus.BadCredentials.Length)
        + endpoint.RouteParameters.Count * BadInputCorpus.RouteValues.Length
        + entry.Query.Count * BadInputCorpus.QueryValues.Length
        + (entry.Body is null ? 0 : BadInputCorpus.MalformedBodies.Length + 3 + entry.Fields.Count * 3);

    [Theory]
    [MemberData(nameof(MassAssignable))]
    public async Task FieldsTheCallerMayNotSetAreIgnored(string endpointKey)
    {
        var endpoint = ApiEndpoint.All(factory.Services).Single(e => e.Key == endpointKey);
        var entry = BadInputEntries.All[endpointKey];
        var context = Context();
        var (extras, verify) = await entry.MassAssignment!(context);

        using var request = BadInputCorpus.Request(endpoint, entry, context, entry.Route(context), body: extras.ToJsonString());
        using var response = await factory.CreateBrowserlessClient().SendAsync(request);

        Assert.True(response.IsSuccessStatusCode, $"{endpointKey}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        await verify(response);
    }

    /// <summary>Null when the answer is right for the case, else what is wrong with it.</summary>
    private static string? Judge(CorpusEntry entry, CorpusCase corpusCase, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return $"answered {status}: {ApiErrorFormatCheck.Shorten(body)}";
        }
        if (status is >= 400 and < 500)
        {
            return ApiErrorFormatCheck.Problem(entry.Format, response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
        }
        if (status is < 200 or >= 300)
        {
            return $"answered {status}";
        }
        if (corpusCase.Expectation == CaseExpectation.Reject
            && !(entry.RejectsWithValidFalse && JsonNode.Parse(body)?["valid"]?.GetValue<bool>() == false))
        {
            return $"accepted with {status}: {ApiErrorFormatCheck.Shorten(body)}";
        }
        return null;
    }
}
