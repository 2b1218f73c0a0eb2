namespace Portal.Data.Entities;

/// <summary>One test send (or dry run) from the push console, with what it said and how it went.</summary>
public class PushSend
{
    public long Id { get; set; }

    public int ClubId { get; set; }

    /// <summary>The id put in every message's data (<c>portal_message_id</c>); apps report delivered/open with it.</summary>
    public required string MessageId { get; set; }

    public bool ValidateOnly { get; set; }

    /// <summary>The composed push as JSON (PushContent), so it can be sent again.</summary>
    public required string ContentJson { get; set; }

    /// <summary>Title shown in the history list.</summary>
    public string? Title { get; set; }

    /// <summary>How the targets were chosen, in words: "member 42", "2 members", "pasted token".</summary>
    public required string TargetDescription { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? CompletedAt { get; set; }

    public int Total { get; set; }

    public int Succeeded { get; set; }

    public int Failed { get; set; }

    public List<PushDelivery> Deliveries { get; set; } = [];
}
