using Portal.Data.Entities;
using Portal.Features.Schema;
using Portal.Features.MemberPasswords;
using Portal.Features.OneTimeCodes;

namespace Portal.Features.Members;

/// <summary>How a registration ended; <see cref="MemberRegistrationService.RegisterAsync"/> says which.</summary>
public enum MemberRegistrationOutcome
{
    Created,
    /// <summary>No password, registration password or external token.</summary>
    PasswordMissing,
    /// <summary>The password is shorter than <see cref="MemberPasswordService.MinLength"/> or blank.</summary>
    PasswordTooShort,
    ExternalTokenInvalid,
    RegistrationPasswordInvalid,
    /// <summary>The member data broke the club's rules; see <see cref="MemberRegistrationResult.Errors"/>.</summary>
    Invalid,
    /// <summary>The actor may not create members in this club (already audited).</summary>
    Refused,
}

/// <summary>The outcome, with the member when <see cref="MemberRegistrationOutcome.Created"/> and the errors when <see cref="MemberRegistrationOutcome.Invalid"/>.</summary>
public record MemberRegistrationResult(MemberRegistrationOutcome Outcome, Member? Member = null, IReadOnlyDictionary<string, IReadOnlyList<string>>? Errors = null)
{
    public static MemberRegistrationResult Invalid(IReadOnlyDictionary<string, IReadOnlyList<string>> errors) => new(MemberRegistrationOutcome.Invalid, Errors: errors);
}

/// <summary>
/// A member registers themselves through an app (Placewise Create Member): a password, a registration code sent
/// to their mobile or e-mail, or a verified Apple/Google token is needed, then <see cref="MemberService.CreateAsync"/>
/// checks and stores the member.
/// </summary>
public class MemberRegistrationService(
    MemberService members,
    ClubSchemaService schemas,
    OneTimeCodeService codes,
    IExternalTokenVerifier externalTokens,
    TimeProvider clock)
{
    public const int MaxPasswordLength = MemberPasswordService.MaxLength;

    /// <summary>
    /// Registers the member in <paramref name="draft"/> (its <see cref="MemberDraft.Password"/> is the chosen password).
    /// The checks run in the order the Placewise seed answers them: a credential at all, password length, the
    /// external token, then the member data before the registration code, so a typo in the profile does not burn
    /// the code.
    /// </summary>
    public async Task<MemberRegistrationResult> RegisterAsync(int clubId, MemberDraft draft, string? registrationPassword,
        string? externalToken, string? externalTokenType, Audit.Actor actor, CancellationToken ct = default)
    {
        var password = draft.Password;
        if (string.IsNullOrEmpty(password) && string.IsNullOrEmpty(registrationPassword) && string.IsNullOrEmpty(externalToken))
        {
            return new(MemberRegistrationOutcome.PasswordMissing);
        }
        if (password is not null && !MemberPasswordService.IsAcceptable(password))
        {
            return new(MemberRegistrationOutcome.PasswordTooShort);
        }
        if (!string.IsNullOrEmpty(externalToken)
            && (externalTokenType is not ("apple" or "google") || !await externalTokens.VerifyAsync(externalTokenType, externalToken, ct)))
        {
            return new(MemberRegistrationOutcome.ExternalTokenInvalid);
        }

        try
        {
            if (!string.IsNullOrEmpty(registrationPassword))
            {
                var schema = (await schemas.GetAsync(clubId, ct))!;
                var check = MemberPropertiesValidator.Validate(schema, draft.Properties, PresenceRule.None, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
                if (!check.IsValid)
                {
                    return MemberRegistrationResult.Invalid(check.Errors);
                }
                var destinations = new[]
                {
                    check.Properties[BuiltInProperties.Msisdn]?.GetValue<string>(),
                    check.Properties[BuiltInProperties.Email]?.GetValue<string>(),
                };
                if (!await codes.ConsumeAsync(clubId, OneTimeCodeService.Registration, destinations, registrationPassword, ct))
                {
                    return new(MemberRegistrationOutcome.RegistrationPasswordInvalid);
                }
            }
            var created = await members.CreateAsync(clubId, draft, actor, ct);
            return created.Refused ? new(MemberRegistrationOutcome.Refused) : new(MemberRegistrationOutcome.Created, created.Value);
        }
        catch (MemberValidationException e)
        {
            return MemberRegistrationResult.Invalid(e.Errors);
        }
    }
}
