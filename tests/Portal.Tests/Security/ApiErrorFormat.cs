using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portal.Tests.Security;

/// <summary>The error bodies of each API surface: the seed documents' own, or ProblemDetails for Portal's own endpoints.</summary>
public enum ApiErrorFormat
{
    /// <summary>Placewise: 422 <c>{"field":[{"property","error"}]}</c>, otherwise <c>{"error":"..."}</c>.</summary>
    Placewise,

    /// <summary>Masivo: <c>{"error":"...","details":{field:[codes]}}</c>.</summary>
    Masivo,

    /// <summary>Centrapay: <c>{"statusCode":n,"error":"...","message":"..."}</c>.</summary>
    Centrapay,

    /// <summary>Everything else: <c>application/problem+json</c>.</summary>
    ProblemDetails,
}

public static class ApiErrorFormatCheck
{
    /// <summary>Null when <paramref name="body"/> is a well-formed error of <paramref name="format"/> for <paramref name="status"/>, else why not.</summary>
    public static string? Problem(ApiErrorFormat format, HttpStatusCode status, string? mediaType, string body)
    {
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return $"body is not JSON: {Shorten(body)}";
        }
        if (json is not JsonObject error)
        {
            return $"body is not a JSON object: {Shorten(body)}";
        }
        var code = (int)status;
        bool ok = format switch
        {
            ApiErrorFormat.Placewise when code == 422 => error.Count > 0 && error.All(p => p.Value is JsonArray entries && entries.Count > 0
                && entries.All(e => e is JsonObject entry && entry.Count == 2 && IsString(entry["property"]) && IsString(entry["error"]))),
            ApiErrorFormat.Placewise => IsString(error["error"]) && error.All(p => p.Key is "error" or "banned_until"),
            ApiErrorFormat.Masivo => IsString(error["error"]) && error.All(p => p.Key is "error" or "details")
                && (error["details"] is null || error["details"] is JsonObject details && details.All(d => d.Value is JsonArray codes && codes.All(IsString))),
            ApiErrorFormat.Centrapay => error["statusCode"]?.GetValueKind() == JsonValueKind.Number && error["statusCode"]!.GetValue<int>() == code
                && IsString(error["error"]) && IsString(error["message"]) && error.Count == 3,
            _ => mediaType == "application/problem+json" && error["status"]?.GetValueKind() == JsonValueKind.Number && error["status"]!.GetValue<int>() == code,
        };
        var wantsJson = format == ApiErrorFormat.ProblemDetails || mediaType == "application/json";
        return ok && wantsJson ? null : $"not a {format} error body ({mediaType}): {Shorten(body)}";
    }

    private static bool IsString(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String;

    public static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
