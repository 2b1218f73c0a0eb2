namespace Portal.Data.Entities;

/// <summary>What happened to one message of a send: one token, one result, and the app's delivered/open reports.</summary>
public class PushDelivery
{
    public long Id { get; set; }

    public long PushSendId { get; set; }

    public PushSend? PushSend { get; set; }

    public long? MemberId { get; set; }

    public long? DeviceTokenId { get; set; }

    public required string Token { get; set; }

    public string? Platform { get; set; }

    public string? FirebaseProjectSlug { get; set; }

    public bool Success { get; set; }

    /// <summary>FCM's message name on success.</summary>
    public string? FcmMessageName { get; set; }

    public string? ErrorCode { get; set; }

    public string? ErrorMessage { get; set; }

    public int Attempts { get; set; }

    public DateTime SentAt { get; set; }

    public DateTime? DeliveredAt { get; set; }

    public DateTime? OpenedAt { get; set; }
}
