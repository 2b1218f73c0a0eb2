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
    public static TheoryData<string> Endpoints => new(BadInputEntries.All.Keys.Order(StringComparer.Ordinal));

    public static TheoryData<string> MassAssignable => new(BadInputEntries.All.Where(e => e.Value.MassAssignment is not null).Select(e => e.Key).Order(StringComparer.Ordinal));

    private CorpusContext Context() => new(factory, factory.SpareMemberA.Id, factory.SpareMemberA.AccessToken, factory.SpareMemberA.AccountId);

    [Fact]
    public void EveryApiEndpointHasACorpusEntryThatKnowsWhetherItTakesABody()
    {
        var endpoints = ApiEndpoint.All(factory.Services);

        Assert.Equal(endpoints.Select(e => e.Key).Order(StringComparer.Ordinal), BadInputEntries.All.Keys.Order(StringComparer.Ordinal));
        Assert.True(endpoints.Count >= 30, $"only {endpoints.Count} API endpoints found");
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

        Assert.True(failures.Count == 0, $"{endpointKey}: {failures.Count} of {cases} cases failed:\n" + string.Join("\n", failures));
    }

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
