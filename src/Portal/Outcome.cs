using Portal.Features.Account;

namespace Portal;

/// <summary>
/// What a use case answers its caller: done, with its value (null where the use case says "not found"), or
/// refused: the actor lacks <see cref="RefusedPermission"/>, nothing was changed and the refusal is already
/// audited. Entry points translate it: a page message, a vendor error body, an exit code.
/// </summary>
public sealed record Outcome<T>(T? Value, PortalPermission? RefusedPermission = null)
{
    public bool Refused => RefusedPermission is not null;

    public static Outcome<T> RefusedFor(PortalPermission permission) => new(default, permission);

    /// <summary>Done, without a value: the use case's "not found".</summary>
    public static Outcome<T> NotFound { get; } = new(default(T));

    public static implicit operator Outcome<T>(T? value) => new(value);
}
