namespace Portal.Data.Entities;

/// <summary>
/// A Firebase project a club's apps use for push. Tokens name it by <see cref="Slug"/>. The service-account
/// key is stored encrypted with ASP.NET Core Data Protection and never shown again.
/// </summary>
public class FirebaseProject
{
    public int Id { get; set; }

    public int ClubId { get; set; }

    /// <summary>Matches the tokens' <c>firebase_project_slug</c>.</summary>
    public required string Slug { get; set; }

    /// <summary>The FCM project id in <c>v1/projects/{id}/messages:send</c>.</summary>
    public required string FcmProjectId { get; set; }

    /// <summary>The service-account JSON, protected with Data Protection.</summary>
    public required string ProtectedServiceAccount { get; set; }

    /// <summary>The key's client_email, to tell keys apart without decrypting them.</summary>
    public required string ClientEmail { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}
