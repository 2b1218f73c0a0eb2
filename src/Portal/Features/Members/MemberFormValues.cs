using System.Globalization;
using System.Text.Json.Nodes;
using Portal.Data.Entities;
using Portal.Features.Schema;

namespace Portal.Features.Members;

/// <summary>
/// Between a member's JSON properties and the member form's field values (string, long, bool, DateTime, list of
/// strings). Form values become the JSON the API would send, so the same rules check both.
/// </summary>
public static class MemberFormValues
{
    public static object? FromJson(SchemaProperty property, JsonNode? value) => value is null ? null : property.Type switch
    {
        MemberPropertyType.Date => DateTime.TryParseExact(value.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null,
        MemberPropertyType.Integer => value.GetValue<long>(),
        MemberPropertyType.Boolean => value.GetValue<bool>(),
        MemberPropertyType.MultipleChoice => value.AsArray().Select(v => v!.GetValue<string>()).ToList(),
        MemberPropertyType.IntegerList => string.Join(", ", value.AsArray().Select(v => v!.ToString())),
        _ => value.ToString(),
    };

    public static JsonNode? ToJson(SchemaProperty property, object? value) => value switch
    {
        null => null,
        DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        long number => number,
        bool flag => flag,
        IEnumerable<string> list when value is not string => new JsonArray(list.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
        string text when property.Type == MemberPropertyType.IntegerList => ParseIntegerList(text),
        string text => text,
        _ => value.ToString(),
    };

    private static JsonNode ParseIntegerList(string text)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new JsonArray(parts.Select(p => long.TryParse(p, out var n) ? (JsonNode?)JsonValue.Create(n) : JsonValue.Create(p)).ToArray());
    }
}
