namespace Portal.Features.Members;

/// <summary>A member chosen in a picker: the id and the name the picker shows.</summary>
public record MemberPick(long Id, string Label)
{
    /// <summary>The member's name, else e-mail, else "Member {id}".</summary>
    public static MemberPick From(MemberView member) =>
        new(member.Id, member.Name ?? member.Properties["email"]?.ToString() ?? $"Member {member.Id}");

    /// <summary>The member with this id in the club, or null.</summary>
    public static async Task<MemberPick?> FindAsync(MemberService members, int clubId, long id) =>
        await members.FindAsync(clubId, id) is { } member ? From(member) : null;

    /// <summary>The club's member found by <see cref="MemberService.FindByEmailMobileOrIdAsync"/>; null when none matches.</summary>
    public static async Task<MemberPick?> LookUpAsync(MemberService members, int clubId, string? text) =>
        await members.FindByEmailMobileOrIdAsync(clubId, text) is { } id ? await FindAsync(members, clubId, id) : null;
}
