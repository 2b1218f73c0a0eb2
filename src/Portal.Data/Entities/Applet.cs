namespace Portal.Data.Entities;

/// <summary>An app or programme members can join (a café's loyalty programme, say).</summary>
public class Applet
{
    /// <summary>Random, URL-safe (see <see cref="PublicIds"/>).</summary>
    public string Id { get; set; } = PublicIds.New();

    public int ClubId { get; set; }

    public required string Name { get; set; }

    public string? MediaUploadId { get; set; }

    public string? ImageUrl { get; set; }

    /// <summary>The account that owns the applet.</summary>
    public required string AppletAccountId { get; set; }

    public bool Test { get; set; }

    /// <summary>Archived applets keep their memberships but take no new ones.</summary>
    public DateTime? ArchivedAt { get; set; }

    /// <summary>JSON array of typed extension objects, e.g. <c>{"type":"loyalty","loyaltyProgramId":"L001",...}</c>.</summary>
    public string ExtensionsJson { get; set; } = "[]";

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}
