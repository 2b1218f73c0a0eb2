namespace Portal.Features.Members;

/// <summary>
/// The member data broke the club's rules; <see cref="Errors"/> maps each property key to error codes
/// (Placewise's 422 body). Nothing was written.
/// </summary>
public class MemberValidationException(IReadOnlyDictionary<string, IReadOnlyList<string>> errors)
    : Exception("The member data is not valid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")))
{
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Errors { get; } = errors;

    public static MemberValidationException For(string key, string code) => new(new Dictionary<string, IReadOnlyList<string>> { [key] = [code] });
}
