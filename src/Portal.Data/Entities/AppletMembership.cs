namespace Portal.Data.Entities;

/// <summary>A member's account has access to an applet. The applet's name, image and extensions are read from the applet, never copied.</summary>
public class AppletMembership
{
    public string Id { get; set; } = PublicIds.New();

    public int ClubId { get; set; }

    public required string AppletId { get; set; }

    public Applet? Applet { get; set; }

    public long MemberId { get; set; }

    public Member? Member { get; set; }

    /// <summary>The member's account id, kept here so an account's list pages on one index.</summary>
    public required string AccountId { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>A CRN: <c>crn::user:&lt;id&gt;</c> for a portal user, <c>crn::api-key:&lt;id&gt;</c> for an API key.</summary>
    public required string CreatedBy { get; set; }

    public bool Test { get; set; }
}
