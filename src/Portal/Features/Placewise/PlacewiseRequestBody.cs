using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portal.Features.Placewise;

/// <summary>
/// Reads a Placewise JSON body by hand, so malformed JSON and wrong types get Placewise's answers rather
/// than the framework's model-binding ProblemDetails.
/// </summary>
public sealed class PlacewiseRequestBody
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };

    private readonly JsonObject body;
    private readonly Dictionary<string, IReadOnlyList<string>> errors = new(StringComparer.Ordinal);

    private PlacewiseRequestBody(JsonObject body) => this.body = body;

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Errors => errors;

    /// <summary>
    /// The body as a JSON object (or, for OAuth clients, an HTML form turned into one), or null when it is
    /// not valid JSON or not an object. An empty body is an empty object.
    /// </summary>
    public static async Task<PlacewiseRequestBody?> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var fields = new JsonObject();
            foreach (var (key, value) in form)
            {
                fields[key] = value.ToString();
            }
            return new PlacewiseRequestBody(fields);
        }
        if (request.ContentLength == 0 || (request.ContentLength is null && !request.Headers.ContainsKey("Transfer-Encoding")))
        {
            return new PlacewiseRequestBody([]);
        }
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, Options, ct);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !IsStrict(document.RootElement))
            {
                return null;
            }
            return new PlacewiseRequestBody(JsonObject.Create(document.RootElement.Clone())!);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // JsonNode only notices a repeated property name or an escaped lone surrogate ("\ud800") when a field is read,
    // by throwing, which would be a 500; such a body is refused as a whole instead.
    private static bool IsStrict(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var names = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var property in element.EnumerateObject())
                    {
                        if (!names.Add(property.Name) || !IsStrict(property.Value))
                        {
                            return false;
                        }
                    }
                    return true;
                case JsonValueKind.Array:
                    return element.EnumerateArray().All(IsStrict);
                case JsonValueKind.String:
                    _ = element.GetString();
                    return true;
                default:
                    return true;
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public JsonObject? Object(string name)
    {
        var value = body[name];
        if (value is null)
        {
            return null;
        }
        if (value is JsonObject obj)
        {
            return obj;
        }
        errors[name] = ["invalid_object"];
        return null;
    }

    public bool Bool(string name, bool fallback) => NullableBool(name) ?? fallback;

    public bool? NullableBool(string name)
    {
        var value = body[name];
        if (value is null)
        {
            return null;
        }
        if (value.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetValue<bool>();
        }
        errors[name] = ["invalid_boolean"];
        return null;
    }

    public string? String(string name, int maxLength)
    {
        var value = body[name];
        if (value is null)
        {
            return null;
        }
        if (value.GetValueKind() != JsonValueKind.String)
        {
            errors[name] = ["invalid_string"];
            return null;
        }
        var text = value.GetValue<string>();
        if (text.Length > maxLength)
        {
            errors[name] = ["too_long"];
            return null;
        }
        return text;
    }

    public IReadOnlyList<long> IntegerList(string name, int maxItems)
    {
        var value = body[name];
        if (value is null)
        {
            return [];
        }
        if (value is JsonArray items && items.Count <= maxItems
            && items.All(i => i?.GetValueKind() == JsonValueKind.Number && i.AsValue().TryGetValue<long>(out _)))
        {
            return items.Select(i => i!.GetValue<long>()).ToList();
        }
        errors[name] = ["invalid_list"];
        return [];
    }
}
