using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Portal.Features.Placewise;
using Portal.Features.Members;

namespace Portal.Features.Push;

/// <summary>Placewise "Messages" (seed document 000): the app reports delivered/open events, and reads the member's history.</summary>
[Route("v3/{loyalty_club_slug}/members/me/messages")]
[Produces("application/json")]
[Tags("Placewise members")]
public class PlacewiseMessagesController(PushService push) : ControllerBase
{
    /// <summary>Send "delivered" event for push message. Idempotent; 404 for a message that was not sent to this member.</summary>
    [HttpPost("{message_id}/delivered")]
    [PlacewiseMember]
    [Portal.OpenApi.JsonRequestBody(typeof(PlacewiseEmptyDocument), required: false)]
    [ProducesResponseType(typeof(PlacewiseEmptyDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status400BadRequest)]
    public Task<IActionResult> Delivered([FromRoute(Name = "message_id")] string messageId, CancellationToken ct) => RecordAsync(messageId, opened: false, ct);

    /// <summary>Send "open" event for push message (also counts as delivered). Idempotent; 404 for a message not sent to this member.</summary>
    [HttpPost("{message_id}/open")]
    [PlacewiseMember]
    [Portal.OpenApi.JsonRequestBody(typeof(PlacewiseEmptyDocument), required: false)]
    [ProducesResponseType(typeof(PlacewiseEmptyDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status400BadRequest)]
    public Task<IActionResult> Open([FromRoute(Name = "message_id")] string messageId, CancellationToken ct) => RecordAsync(messageId, opened: true, ct);

    /// <summary>Show Messages History: the pushes sent to the member, newest first.</summary>
    [HttpGet]
    [PlacewiseMember]
    [ProducesResponseType(typeof(PlacewiseMessageHistory), StatusCodes.Status200OK)]
    public async Task<IActionResult> History(CancellationToken ct)
    {
        var me = PlacewiseMember.From(HttpContext);
        var messages = await push.HistoryAsync(me.Club.Id, me.MemberId, ct: ct);
        return Ok(new PlacewiseMessageHistory(messages.Select(m => new PlacewiseMessage(
            m.MessageId, m.Title, m.Body, PlacewiseMemberJson.Utc(m.SentAt),
            m.DeliveredAt is { } d ? PlacewiseMemberJson.Utc(d) : null, m.OpenedAt is { } o ? PlacewiseMemberJson.Utc(o) : null)).ToList()));
    }

    private async Task<IActionResult> RecordAsync(string messageId, bool opened, CancellationToken ct)
    {
        var me = PlacewiseMember.From(HttpContext);
        // No field is read, but a body that is not a JSON object is still a client error, as on every Placewise endpoint.
        if (await PlacewiseRequestBody.ReadAsync(Request, ct) is null)
        {
            return PlacewiseErrors.MalformedBody();
        }
        return await push.RecordEventAsync(me.Club.Id, me.MemberId, messageId, opened, ct)
            ? Ok(new { })
            : PlacewiseErrors.Error(StatusCodes.Status404NotFound, "Message not found");
    }
}

public record PlacewiseMessageHistory([property: JsonPropertyName("messages")] IReadOnlyList<PlacewiseMessage> Messages);

public record PlacewiseMessage(
    [property: JsonPropertyName("message_id")] string MessageId,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("body")] string? Body,
    [property: JsonPropertyName("sent_at")] string SentAt,
    [property: JsonPropertyName("delivered_at")] string? DeliveredAt,
    [property: JsonPropertyName("opened_at")] string? OpenedAt);
