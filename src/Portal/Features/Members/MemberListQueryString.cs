using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Portal.Data.Entities;

namespace Portal.Features.Members;

/// <summary>Writes and reads a <see cref="MemberListQuery"/> as URL parameters, so the export downloads what the grid shows.</summary>
public static class MemberListQueryString
{
    public static string Write(MemberListQuery query)
    {
        var values = new Dictionary<string, string?>
        {
            ["search"] = query.Search,
            ["sms"] = query.SmsStatus,
            ["email"] = query.EmailStatus,
            ["push"] = query.PushStatus,
            ["consent"] = query.ConsentKey,
            ["token"] = query.HasPushToken?.ToString().ToLowerInvariant(),
            ["consentState"] = query.ConsentState == ConsentFilter.Any ? null : query.ConsentState.ToString(),
            ["from"] = query.CreatedFromUtc?.ToString("O", CultureInfo.InvariantCulture),
            ["to"] = query.CreatedToUtc?.ToString("O", CultureInfo.InvariantCulture),
            ["sort"] = query.SortBy,
            ["desc"] = query.Descending ? "true" : "false",
        };
        return QueryHelpers.AddQueryString("", values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }

    public static MemberListQuery Read(IQueryCollection values) => new()
    {
        Search = values["search"].FirstOrDefault(),
        SmsStatus = Status(values["sms"].FirstOrDefault()),
        EmailStatus = Status(values["email"].FirstOrDefault()),
        PushStatus = Status(values["push"].FirstOrDefault()),
        ConsentKey = values["consent"].FirstOrDefault(),
        HasPushToken = bool.TryParse(values["token"].FirstOrDefault(), out var hasToken) ? hasToken : null,
        ConsentState = Enum.TryParse<ConsentFilter>(values["consentState"].FirstOrDefault(), out var state) ? state : ConsentFilter.Any,
        CreatedFromUtc = Date(values["from"].FirstOrDefault()),
        CreatedToUtc = Date(values["to"].FirstOrDefault()),
        SortBy = values["sort"].FirstOrDefault() is "name" or "email" ? values["sort"].First()! : "created_at",
        Descending = values["desc"].FirstOrDefault() != "false",
    };

    private static string? Status(string? value) => ChannelStatus.All.Contains(value) ? value : null;

    private static DateTime? Date(string? value) =>
        DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date) ? date : null;
}
