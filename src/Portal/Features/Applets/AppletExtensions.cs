using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portal.Features.Applets;

/// <summary>
/// An applet's extensions: a JSON array of typed objects. Type <c>loyalty</c> carries <c>loyaltyProgramId</c> and
/// three URLs; other types are kept as given, as long as they name their type.
/// </summary>
public static class AppletExtensions
{
    public const string LoyaltyType = "loyalty";
    private static readonly string[] LoyaltyUrls = ["getPromotionsUrl", "getPromotionMembershipsUrl", "getLoyaltyProgramUrl"];

    /// <summary>A loyalty extension as the editor and the CLI build it.</summary>
    public static JsonObject Loyalty(string programId, string promotionsUrl, string promotionMembershipsUrl, string programUrl) => new()
    {
        ["type"] = LoyaltyType,
        ["loyaltyProgramId"] = programId,
        ["getPromotionsUrl"] = promotionsUrl,
        ["getPromotionMembershipsUrl"] = promotionMembershipsUrl,
        ["getLoyaltyProgramUrl"] = programUrl,
    };

    /// <summary>Checks the extensions; the messages name the extension and field at fault.</summary>
    public static IReadOnlyList<string> Errors(JsonArray extensions)
    {
        var errors = new List<string>();
        for (var i = 0; i < extensions.Count; i++)
        {
            var where = $"Extension {i + 1}";
            if (extensions[i] is not JsonObject extension || extension["type"]?.GetValueKind() != JsonValueKind.String
                || string.IsNullOrWhiteSpace(extension["type"]!.GetValue<string>()))
            {
                errors.Add($"{where} needs a type.");
                continue;
            }
            if (extension["type"]!.GetValue<string>() != LoyaltyType)
            {
                continue;
            }
            if (extension["loyaltyProgramId"]?.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(extension["loyaltyProgramId"]!.GetValue<string>()))
            {
                errors.Add($"{where} (loyalty) needs a loyaltyProgramId.");
            }
            foreach (var field in LoyaltyUrls)
            {
                if (!IsUrl(extension[field]?.GetValueKind() == JsonValueKind.String ? extension[field]!.GetValue<string>() : null))
                {
                    errors.Add($"{where} (loyalty): {field} is not a URL.");
                }
            }
        }
        return errors;
    }

    /// <summary>
    /// An http(s) URL, or a host and path as Centrapay's own examples write them
    /// (<c>service.payap.com/api/loyaltyPrograms/L001</c>).
    /// </summary>
    public static bool IsUrl(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > Portal.Data.ColumnLengths.Url || value.Any(char.IsWhiteSpace))
        {
            return false;
        }
        var candidate = value.Contains("://", StringComparison.Ordinal) ? value : "https://" + value;
        return Uri.TryCreate(candidate, UriKind.Absolute, out var uri)
            && uri.Scheme is "https" or "http"
            && uri.Host.Contains('.')
            && !uri.Host.StartsWith('.') && !uri.Host.EndsWith('.');
    }
}
