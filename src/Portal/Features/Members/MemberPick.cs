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

    /// <summary>The club's member whose e-mail, else mobile number, else id is <paramref name="text"/>; null when none matches.</summary>
    public static async Task<MemberPick?> LookUpAsync(MemberService members, int clubId, string? text)
    {
        var value = text?.Trim() ?? "";
        var id = await members.FindIdAsync(clubId, "email", value) ?? await members.FindIdAsync(clubId, "msisdn", value) ?? await members.FindIdAsync(clubId, "id", value);
        return id is null ? null : await FindAsync(members, clubId, id.Value);
    }
}
