using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Features.Schema;

namespace Portal.Features.Consents;

/// <summary>Reads consent answers as Placewise sends them: <c>{"key": true}</c> or <c>{"key": {"status": true}}</c>.</summary>
public static class ConsentInput
{
    public static (Dictionary<string, bool> Answers, Dictionary<string, List<string>> Errors) Parse(JsonObject? input, ClubSchema schema)
    {
        var answers = new Dictionary<string, bool>(StringComparer.Ordinal);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (key, value) in input ?? [])
        {
            if (schema.Consent(key) is not { Active: true })
            {
                errors[key] = [PropertyErrorCodes.UnknownConsent];
                continue;
            }
            var status = value switch
            {
                JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
                JsonObject o when o["status"] is JsonValue s && s.GetValueKind() is JsonValueKind.True or JsonValueKind.False => s.GetValue<bool>(),
                _ => (bool?)null,
            };
            if (status is null)
            {
                errors[key] = [PropertyErrorCodes.InvalidConsent];
            }
            else
            {
                answers[key] = status.Value;
            }
        }
        return (answers, errors);
    }
}
