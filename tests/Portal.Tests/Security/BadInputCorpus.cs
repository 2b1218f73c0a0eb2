using System.Text;
using System.Text.Json.Nodes;

namespace Portal.Tests.Security;

public enum CaseExpectation
{
    /// <summary>The input is wrong: a 4xx (or Validate Member's 200 valid:false).</summary>
    Reject,

    /// <summary>The input may be valid (a strange but legal string, an unknown field): 2xx or 4xx, never 5xx.</summary>
    Either,
}

/// <summary>One bad request: its name, what it must get, and how to build it.</summary>
public sealed record CorpusCase(
    string Name,
    CaseExpectation Expectation,
    Func<CorpusContext, HttpRequestMessage> Build,
    CorpusField? StoredField = null,
    string? StoredValue = null);

/// <summary>
/// The bad inputs of issue 8, generated for one endpoint from its <see cref="CorpusEntry"/>: malformed JSON,
/// wrong roots and types, nulls, huge strings and arrays, deep nesting, Unicode edge cases, SQL and HTML
/// injection, unknown fields, and bad route and query values.
/// </summary>
public static class BadInputCorpus
{
    /// <summary>Strings an endpoint may accept; when it does, they must be stored and read back exactly.</summary>
    public static readonly IReadOnlyList<(string Name, string Value)> StrangeStrings =
    [
        ("sql injection", "Robert'); DROP TABLE Members;--"),
        ("sql tautology", "' OR '1'='1' --"),
        ("html script", "<script>alert('x')</script>"),
        ("html attribute", "\"><img src=x onerror=alert(1)>"),
        ("template injection", "{{7*7}}${7*7}<%= 7*7 %>"),
        ("combining marks", "Zoe\u0301 Ame\u0301lie Z\u0335\u0321\u0310a\u0337\u0322l\u0336g\u0334o"),
        ("right-to-left", "\u202Eevil\u202C مرحبا שלום"),
        ("emoji", "😀 👩‍👩‍👧‍👦 🏳️‍🌈 🇳🇴"),
        ("astral letters", "𝕏𝔂𝔃 𓀀"),
        ("zero width", "a\u200Bb\u200Dc\uFEFFd"),
        ("NUL", "a\u0000b"),
        ("control characters", "a\u0007b\u001B[31mc"),
    ];

    public static IEnumerable<CorpusCase> For(ApiEndpoint endpoint, CorpusEntry entry)
    {
        if (entry.CredentialHeader is { } header)
        {
            foreach (var (name, value) in BadCredentials)
            {
                yield return new($"credential: {name}", CaseExpectation.Reject, c =>
                {
                    var request = Request(endpoint, entry, c, entry.Route(c), body: entry.Body is null ? null : Json(entry.Body(c)));
                    request.Headers.Remove(header);
                    request.Headers.TryAddWithoutValidation(header, header == "Authorization" ? "Bearer " + value : value);
                    return request;
                });
            }
        }
        foreach (var parameter in endpoint.RouteParameters)
        {
            foreach (var (name, value) in RouteValues)
            {
                yield return new($"route {parameter}: {name}", CaseExpectation.Reject, c =>
                {
                    var route = entry.Route(c);
                    route[parameter] = value;
                    return Request(endpoint, entry, c, route, body: entry.Body is null ? null : Json(entry.Body(c)));
                });
            }
        }
        foreach (var parameter in entry.Query)
        {
            foreach (var (name, value, expectation) in QueryValues)
            {
                yield return new($"query {parameter}: {name}", expectation, c =>
                    Request(endpoint, entry, c, entry.Route(c), query: $"{parameter}={Uri.EscapeDataString(value)}"));
            }
        }
        if (entry.Body is null)
        {
            yield break;
        }

        foreach (var (name, bytes) in MalformedBodies)
        {
            yield return new($"body: {name}", CaseExpectation.Reject, c => Request(endpoint, entry, c, entry.Route(c), rawBody: bytes));
        }
        yield return new("body: valid JSON sent as text/plain", CaseExpectation.Either, c =>
            Request(endpoint, entry, c, entry.Route(c), rawBody: Encoding.UTF8.GetBytes(entry.Body(c).ToJsonString()), mediaType: "text/plain"));
        yield return new("body: none", CaseExpectation.Either, c => Request(endpoint, entry, c, entry.Route(c)));
        yield return new("body: unknown fields, one a huge array", CaseExpectation.Either, c =>
        {
            var body = entry.Body(c);
            body["zzz_unknown"] = "x";
            body["__proto__"] = new JsonObject { ["admin"] = true };
            return Request(endpoint, entry, c, entry.Route(c), body: Json(body).Replace("\"x\"", HugeArray));
        });
        if (entry.Fields.Count > 0)
        {
            yield return new($"body: duplicate key {entry.Fields[0].Path.Split('.')[0]}", CaseExpectation.Either, c =>
                Request(endpoint, entry, c, entry.Route(c), body: "{" + $"\"{entry.Fields[0].Path.Split('.')[0]}\":null," + Json(entry.Body(c))[1..]));
        }
        if (entry.MassAssignment is not null)
        {
            // Built and checked by the test, which needs the before-state.
        }

        foreach (var field in entry.Fields)
        {
            yield return new($"{field.Path}: null", CaseExpectation.Either, c => WithField(endpoint, entry, c, field, "null"));
            foreach (var wrong in WrongTypes(field.Kind))
            {
                yield return new($"{field.Path}: wrong type {Shorten(wrong)}", CaseExpectation.Reject, c => WithField(endpoint, entry, c, field, wrong));
            }
            yield return new($"{field.Path}: huge array", CaseExpectation.Reject, c => WithField(endpoint, entry, c, field, HugeArray));
            yield return new($"{field.Path}: nested 100 deep", CaseExpectation.Reject, c => WithField(endpoint, entry, c, field, Deep(100)));
            if (field.Kind != FieldKind.String)
            {
                continue;
            }
            yield return new($"{field.Path}: huge string", CaseExpectation.Reject, c => WithField(endpoint, entry, c, field, HugeString));
            yield return new($"{field.Path}: lone surrogate escape", CaseExpectation.Reject, c => WithField(endpoint, entry, c, field, "\"a\\ud800b\""));
            yield return new($"{field.Path}: empty", CaseExpectation.Either, c => WithField(endpoint, entry, c, field, "\"\""));
            foreach (var (name, value) in StrangeStrings)
            {
                yield return new($"{field.Path}: {name}", CaseExpectation.Either,
                    c => WithField(endpoint, entry, c, field, JsonValue.Create(value).ToJsonString()), field, value);
            }
        }
    }

    public static HttpRequestMessage Request(ApiEndpoint endpoint, CorpusEntry entry, CorpusContext context, Dictionary<string, string> route,
        string? body = null, byte[]? rawBody = null, string mediaType = "application/json", string? query = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Path(route) + (query is null ? "" : "?" + query));
        entry.Authenticate(request, context);
        if (body is not null || rawBody is not null)
        {
            request.Content = new ByteArrayContent(rawBody ?? Encoding.UTF8.GetBytes(body!));
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType) { CharSet = mediaType == "application/json" ? "utf-8" : null };
        }
        return request;
    }

    /// <summary>The valid body with one field set to <paramref name="rawJson"/> (put in as text, so it may be any JSON, or not quite JSON).</summary>
    private static HttpRequestMessage WithField(ApiEndpoint endpoint, CorpusEntry entry, CorpusContext context, CorpusField field, string rawJson)
    {
        var body = entry.Body!(context);
        var parts = field.Path.Split('.');
        var target = body;
        foreach (var part in parts[..^1])
        {
            if (target[part] is not JsonObject inner)
            {
                inner = [];
                target[part] = inner;
            }
            target = inner;
        }
        target[parts[^1]] = Placeholder;
        return Request(endpoint, entry, context, entry.Route(context), body: Json(body).Replace($"\"{Placeholder}\"", rawJson));
    }

    private const string Placeholder = "__corpus_value__";

    // Relaxed escaping keeps non-ASCII as UTF-8 text, as apps send it; the strange strings then arrive as written.
    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Json(JsonObject body) => body.ToJsonString(Relaxed);

    private static readonly string HugeString = "\"" + new string('x', 300_000) + "\"";

    private static readonly string HugeArray = "[" + string.Join(',', Enumerable.Repeat("1", 200_000)) + "]";

    private static string Deep(int depth) => new string('[', depth) + new string(']', depth);

    private static IEnumerable<string> WrongTypes(FieldKind kind) => kind switch
    {
        FieldKind.String => ["123", "true", "[]", "{}", "1.5e308"],
        FieldKind.Boolean => ["\"true\"", "1", "[]", "{}"],
        FieldKind.Object => ["\"x\"", "1", "true", "[]"],
        _ => ["\"1,2\"", "1", "{}", "[\"a\"]", "[1.5]", "[99999999999999999999999]"],
    };

    internal static readonly (string Name, byte[] Bytes)[] MalformedBodies =
    [
        ("truncated", "{\"a\":"u8.ToArray()),
        ("not JSON", "hello"u8.ToArray()),
        ("single quotes", "{'a':'b'}"u8.ToArray()),
        ("trailing comma", "{\"a\":1,}"u8.ToArray()),
        ("comment", "{/* c */\"a\":1}"u8.ToArray()),
        ("NaN", "{\"a\":NaN}"u8.ToArray()),
        ("raw control character in a string", "{\"a\":\"x\u0001y\"}"u8.ToArray()),
        ("invalid UTF-8", [(byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xFF, 0xFE, 0xC3, (byte)'"', (byte)'}']),
        ("root array", "[]"u8.ToArray()),
        ("root string", "\"x\""u8.ToArray()),
        ("root number", "42"u8.ToArray()),
        ("root null", "null"u8.ToArray()),
        ("root true", "true"u8.ToArray()),
        ("nested 1000 deep", Encoding.UTF8.GetBytes("{\"a\":" + Deep(1000) + "}")),
    ];

    internal static readonly (string Name, string Value)[] BadCredentials =
    [
        ("sql injection", "' OR '1'='1"),
        ("key-shaped injection", "pk_' OR 1=1 --_x"),
        ("empty parts", "pk__"),
        ("huge", "pk_" + new string('a', 8000)),
        ("percent-encoded", "%00%27"),
    ];

    internal static readonly (string Name, string Value)[] RouteValues =
    [
        ("sql injection", "1' OR '1'='1"),
        ("sql statement", "1; DROP TABLE Members"),
        ("html", "<script>alert(1)</script>"),
        ("huge", new string('9', 4000)),
        ("combining marks", "e\u0301\u0301\u0301"),
        ("right-to-left", "\u202Eevil"),
        ("emoji", "😀"),
        // A NUL in a path is refused by the server (Kestrel, and the test host) before routing; its escaped text is not.
        ("escaped NUL", "a%00b"),
        ("negative", "-1"),
        ("zero", "0"),
        ("overflow", "99999999999999999999999"),
        ("space", " "),
    ];

    internal static readonly (string Name, string Value, CaseExpectation Expectation)[] QueryValues =
    [
        ("text", "abc", CaseExpectation.Reject),
        ("negative", "-1", CaseExpectation.Reject),
        ("fraction", "1.5", CaseExpectation.Reject),
        ("exponent", "1e3", CaseExpectation.Reject),
        ("overflow", "99999999999999999999999", CaseExpectation.Reject),
        ("sql injection", "1 OR 1=1", CaseExpectation.Reject),
        ("html", "<b>1</b>", CaseExpectation.Reject),
        ("NUL", "1\u0000", CaseExpectation.Reject),
        ("huge", new string('7', 4000), CaseExpectation.Reject),
        ("emoji", "😀", CaseExpectation.Reject),
        ("empty", "", CaseExpectation.Either),
    ];

    private static string Shorten(string text) => text.Length > 30 ? text[..30] + "…" : text;
}
