using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Portal.Features.Account;
using Portal.Features.Clubs;

namespace Portal.Features.Members;

/// <summary>
/// CSV download of the filtered member list, streamed row by row from the database so a million members
/// never sit in memory. Admins and marketers only: it is a bulk copy of personal data.
/// </summary>
public static class MemberExportEndpoint
{
    public const string Path = "/members/export.csv";

    /// <summary>One member's data as JSON (access and portability requests), from the member page.</summary>
    public static string DataPath(long memberId) => $"/members/{memberId}/export.json";

    public static void MapMemberExport(this IEndpointRouteBuilder endpoints)
    {
        // Any signed-in user reaches the use case, which decides and audits a refusal (access.denied).
        endpoints.MapGet(Path, ExportAsync)
            .RequireAuthorization()
            .ExcludeFromDescription();
        endpoints.MapGet("/members/{id:long}/export.json", ExportMemberDataAsync)
            .RequireAuthorization(policy => policy.RequireRole(PortalPermissions.RolesFor(PortalPermission.ExportMemberData)))
            .ExcludeFromDescription();
    }

    private static async Task<IResult> ExportMemberDataAsync(long id, HttpContext http, CurrentClub currentClub, PortalAccess access, MemberDataExport export, CancellationToken ct)
    {
        var club = await currentClub.GetForAsync(http.User, ct);
        if (club is null)
        {
            return TypedResults.Forbid();
        }
        var outcome = await export.ExportAsync(club.Id, id, await access.ActorAsync(http.User), ct);
        if (outcome.Refused)
        {
            return TypedResults.Forbid();
        }
        // Another club's member id answers exactly like a missing one.
        if (outcome.Value is not { } document)
        {
            return TypedResults.NotFound();
        }
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{club.Slug}-member-{id}.json\"";
        return TypedResults.Text(document.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }), "application/json", Encoding.UTF8);
    }

    private static async Task ExportAsync(HttpContext http, CurrentClub currentClub, MemberQueryService queries, PortalAccess access, TimeProvider clock, CancellationToken ct)
    {
        var club = await currentClub.GetForAsync(http.User, ct);
        if (club is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var export = await queries.ExportAsync(club.Id, MemberListQueryString.Read(http.Request.Query), await access.ActorAsync(http.User), ct);
        if (export.Value is not { } rows)
        {
            // The cookie scheme sends the browser to the access-denied page.
            await http.ForbidAsync();
            return;
        }
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{club.Slug}-members-{clock.GetUtcNow():yyyyMMdd}.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024);
        await writer.WriteLineAsync("id,first_name,last_name,email,msisdn,sms_status,email_status,push_status,optin_channel,created_at,banned_until");
        var written = 0;
        await foreach (var row in rows)
        {
            await writer.WriteLineAsync(string.Join(',',
                row.Id.ToString(CultureInfo.InvariantCulture), Cell(row.FirstName), Cell(row.LastName), Cell(row.Email), Cell(row.Msisdn),
                row.SmsStatus, row.EmailStatus, row.PushStatus, Cell(row.OptinChannel),
                row.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                row.BannedUntil?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? ""));
            if (++written % 1000 == 0)
            {
                await writer.FlushAsync(ct);
            }
        }
    }

    /// <summary>
    /// RFC 4180 quoting, plus a leading apostrophe for cells a spreadsheet would run as a formula
    /// (=, +, -, @): member data is typed by strangers.
    /// </summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }
}
