namespace Portal.Features.Members;

/// <summary>The member changed since the caller read it; the caller should reload and try again.</summary>
public class MemberConflictException() : Exception("The member was changed by someone else. Reload it and try again.");
