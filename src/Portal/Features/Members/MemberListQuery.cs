namespace Portal.Features.Members;

/// <summary>What the member list shows: search, filters, sort and page.</summary>
public record MemberListQuery
{
    /// <summary>E-mail prefix, msisdn prefix, last/first name prefix or a member id.</summary>
    public string? Search { get; init; }

    public string? SmsStatus { get; init; }

    public string? EmailStatus { get; init; }

    public string? PushStatus { get; init; }

    /// <summary>Key of a consent to filter on, with <see cref="ConsentState"/>.</summary>
    public string? ConsentKey { get; init; }

    public ConsentFilter ConsentState { get; init; } = ConsentFilter.Any;

    /// <summary>true: members with an active push token; false: without one.</summary>
    public bool? HasPushToken { get; init; }

    public DateTime? CreatedFromUtc { get; init; }

    public DateTime? CreatedToUtc { get; init; }

    /// <summary>created_at (default), name or email; with <see cref="Descending"/>.</summary>
    public string SortBy { get; init; } = "created_at";

    public bool Descending { get; init; } = true;

    public int Skip { get; init; }

    public int Take { get; init; } = 25;
}

public enum ConsentFilter
{
    Any,
    Given,
    Refused,
    NeverAnswered,
}

public record MemberListRow(long Id, string? Email, string? Msisdn, string? FirstName, string? LastName, string SmsStatus, string EmailStatus,
    string PushStatus, string? OptinChannel, DateTime CreatedAt, DateTime? BannedUntil)
{
    public string Name => $"{FirstName} {LastName}".Trim();
}

/// <summary>A page of rows and how many match, counted up to <see cref="MemberQueryService.CountCap"/>.</summary>
public record MemberListPage(IReadOnlyList<MemberListRow> Rows, int Count, bool CountIsCapped);
