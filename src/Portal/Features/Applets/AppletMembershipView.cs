using System.Text.Json.Nodes;

namespace Portal.Features.Applets;

/// <summary>A membership with its applet's details as they are now.</summary>
public record AppletMembershipView(string Id, string AccountId, string AppletId, string Name, string? MediaUploadId, string? Img,
    string AppletAccountId, DateTime CreatedAt, string CreatedBy, bool Test, JsonArray Extensions, long MemberId);
