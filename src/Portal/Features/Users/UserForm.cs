namespace Portal.Features.Users;

/// <summary>What the Users page's editor holds while an admin invites a user or changes one.</summary>
public sealed class UserForm
{
    public string? Email { get; set; }
    public string? Role { get; set; }
    public HashSet<int> ClubIds { get; set; } = [];
    public bool TwoFactorRequired { get; set; }

    public UserAccess ToAccess() => new(Role ?? "", ClubIds.ToList(), TwoFactorRequired);
}
