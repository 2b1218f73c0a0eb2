using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Portal.Features.Applets;

/// <summary>An applet membership as Centrapay's seed shows it (document 003), field for field.</summary>
public record CentrapayMembership(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("accountId")] string AccountId,
    [property: JsonPropertyName("appletId")] string AppletId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("mediaUploadId")] string? MediaUploadId,
    [property: JsonPropertyName("img")] string? Img,
    [property: JsonPropertyName("appletAccountId")] string AppletAccountId,
    [property: JsonPropertyName("createdAt")] string CreatedAt,
    [property: JsonPropertyName("createdBy")] string CreatedBy,
    [property: JsonPropertyName("test")] bool Test,
    [property: JsonPropertyName("extensions")] JsonArray Extensions)
{
    public static CentrapayMembership From(AppletMembershipView view) => new(
        view.Id, view.AccountId, view.AppletId, view.Name, view.MediaUploadId, view.Img, view.AppletAccountId,
        DateTime.SpecifyKind(view.CreatedAt, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        view.CreatedBy, view.Test, (JsonArray)view.Extensions.DeepClone());
}

public record CentrapayMembershipPage(
    [property: JsonPropertyName("items")] IReadOnlyList<CentrapayMembership> Items,
    [property: JsonPropertyName("nextPageKey"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NextPageKey);

public record CentrapayCreateMembershipRequest([property: JsonPropertyName("accountId")] string? AccountId);

/// <summary>Centrapay's error body.</summary>
public record CentrapayError(
    [property: JsonPropertyName("statusCode")] int StatusCode,
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("message")] string Message)
{
    /// <summary>The body for <paramref name="status"/>: its reason phrase as <c>error</c>, <paramref name="message"/> as <c>message</c>.</summary>
    public static CentrapayError For(int status, string message) => new(status, Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status), message);

    /// <summary>The answer with that body and status.</summary>
    public static Microsoft.AspNetCore.Mvc.ObjectResult Result(int status, string message) => new(For(status, message)) { StatusCode = status };
}
