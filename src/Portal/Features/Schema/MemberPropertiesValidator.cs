using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Features.Clubs;

namespace Portal.Features.Schema;

/// <summary>Which properties must be present.</summary>
public enum PresenceRule
{
    /// <summary>Every required property (create, full update).</summary>
    AllRequired,

    /// <summary>Only required properties whose key is in the payload (Placewise "Validate Member").</summary>
    OnlyGivenKeys,

    /// <summary>None (<c>ignore_required_properties</c>).</summary>
    None,
}

/// <summary>The checked, normalised properties and the errors per property key.</summary>
public sealed record PropertyValidationResult(JsonObject Properties, IReadOnlyDictionary<string, IReadOnlyList<string>> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Checks member properties against a club's schema and normalises them (e-mail lower-cased, msisdn as
/// E.164 digits). The one place these rules live: the API, the pages and imports all call it.
/// </summary>
public static class MemberPropertiesValidator
{
    public static PropertyValidationResult Validate(ClubSchema schema, JsonObject input, PresenceRule presence, DateOnly today)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var output = new JsonObject();

        foreach (var (key, value) in input)
        {
            var property = schema.Property(key);
            if (property is null)
            {
                Add(errors, key, PropertyErrorCodes.UnknownProperty);
                continue;
            }
            if (IsBlank(property, value))
            {
                continue;
            }
            var (normalized, error) = Normalize(property, value!, today);
            if (error is not null)
            {
                Add(errors, key, error);
            }
            else
            {
                output[key] = normalized;
            }
        }

        foreach (var property in schema.Properties.Where(p => p.Required && !output.ContainsKey(p.Key) && !errors.ContainsKey(p.Key)))
        {
            var mustBePresent = presence switch
            {
                PresenceRule.AllRequired => true,
                PresenceRule.OnlyGivenKeys => input.ContainsKey(property.Key),
                _ => false,
            };
            if (mustBePresent)
            {
                Add(errors, property.Key, PropertyErrorCodes.Presence);
            }
        }

        // A member is found by e-mail or mobile number: one of them is always needed.
        var identityKeysInPlay = presence == PresenceRule.AllRequired
            || (presence == PresenceRule.OnlyGivenKeys && (input.ContainsKey(BuiltInProperties.Email) || input.ContainsKey(BuiltInProperties.Msisdn)));
        if (identityKeysInPlay && !output.ContainsKey(BuiltInProperties.Email) && !output.ContainsKey(BuiltInProperties.Msisdn)
            && !errors.ContainsKey(BuiltInProperties.Email) && !errors.ContainsKey(BuiltInProperties.Msisdn))
        {
            Add(errors, BuiltInProperties.Email, PropertyErrorCodes.EmailOrMsisdnRequired);
            Add(errors, BuiltInProperties.Msisdn, PropertyErrorCodes.EmailOrMsisdnRequired);
        }

        return new PropertyValidationResult(output, errors.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value, StringComparer.Ordinal));
    }

    private static (JsonNode? Value, string? Error) Normalize(SchemaProperty property, JsonNode value, DateOnly today)
    {
        if (property.Key == BuiltInProperties.Language)
        {
            return AsString(value) is { } language && ClubRules.LanguageError(language.Trim().ToLowerInvariant()) is null
                ? (JsonValue.Create(language.Trim().ToLowerInvariant()), null)
                : (null, PropertyErrorCodes.InvalidLanguage);
        }

        switch (property.Type)
        {
            case MemberPropertyType.Email:
                return IdentityNormalizer.Email(AsString(value)) is { } email ? (JsonValue.Create(email), null) : (null, PropertyErrorCodes.InvalidEmail);
            case MemberPropertyType.Msisdn:
                return IdentityNormalizer.Msisdn(AsString(value)) is { } msisdn ? (JsonValue.Create(msisdn), null) : (null, PropertyErrorCodes.InvalidMsisdn);
            case MemberPropertyType.Date:
                var text = AsString(value);
                if (text is null || !DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    || (property.Key == BuiltInProperties.Birthday && date > today) || date.Year < 1900)
                {
                    return (null, PropertyErrorCodes.InvalidDate);
                }
                return (JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), null);
            case MemberPropertyType.Integer:
                return AsInteger(value) is { } number ? (JsonValue.Create(number), null) : (null, PropertyErrorCodes.InvalidInteger);
            case MemberPropertyType.Boolean:
                return value.GetValueKind() is JsonValueKind.True or JsonValueKind.False
                    ? (JsonValue.Create(value.GetValue<bool>()), null)
                    : (null, PropertyErrorCodes.InvalidBoolean);
            case MemberPropertyType.SingleChoice:
                return AsString(value) is { } choice && property.Choices.Contains(choice) ? (JsonValue.Create(choice), null) : (null, PropertyErrorCodes.Inclusion);
            case MemberPropertyType.MultipleChoice:
                if (value is not JsonArray choices || choices.Count > ColumnLengths.PropertyListItems)
                {
                    return (null, PropertyErrorCodes.InvalidList);
                }
                var picked = choices.Select(AsString).ToList();
                return picked.All(c => c is not null && property.Choices.Contains(c))
                    ? (new JsonArray(picked.Distinct().Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()), null)
                    : (null, PropertyErrorCodes.Inclusion);
            case MemberPropertyType.IntegerList:
                if (value is not JsonArray items || items.Count > ColumnLengths.PropertyListItems)
                {
                    return (null, PropertyErrorCodes.InvalidList);
                }
                var numbers = items.Select(i => i is null ? null : AsInteger(i)).ToList();
                return numbers.All(n => n is not null)
                    ? (new JsonArray(numbers.Select(n => (JsonNode?)JsonValue.Create(n!.Value)).ToArray()), null)
                    : (null, PropertyErrorCodes.InvalidList);
            default:
                var str = AsString(value);
                if (str is null)
                {
                    return (null, PropertyErrorCodes.InvalidString);
                }
                str = str.Trim();
                return str.Length > ColumnLengths.PropertyStringValue || str.Contains('\0')
                    ? (null, str.Contains('\0') ? PropertyErrorCodes.InvalidString : PropertyErrorCodes.TooLong)
                    : (JsonValue.Create(str), null);
        }
    }

    // An empty list is "no value" only for list properties; for a text or number property it is a wrong type.
    private static bool IsBlank(SchemaProperty property, JsonNode? value) =>
        value is null
        || (value.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetValue<string>()))
        || (value is JsonArray { Count: 0 } && property.Type is MemberPropertyType.MultipleChoice or MemberPropertyType.IntegerList);

    private static string? AsString(JsonNode? value) =>
        value?.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static long? AsInteger(JsonNode value) =>
        value.GetValueKind() == JsonValueKind.Number && value.AsValue().TryGetValue<long>(out var number) ? number
        : value.GetValueKind() == JsonValueKind.Number && decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d) && d is >= long.MinValue and <= long.MaxValue ? (long)d
        : null;

    private static void Add(Dictionary<string, List<string>> errors, string key, string code)
    {
        if (!errors.TryGetValue(key, out var list))
        {
            errors[key] = list = [];
        }
        if (!list.Contains(code))
        {
            list.Add(code);
        }
    }
}
