namespace Portal.Features.Schema;

/// <summary>Machine-readable codes of the Placewise 422 body (<c>{"email":[{"property":"email","error":"..."}]}</c>).</summary>
public static class PropertyErrorCodes
{
    public const string Presence = "presence";
    public const string InvalidEmail = "invalid_email";
    public const string InvalidMsisdn = "invalid_msisdn";
    public const string InvalidDate = "invalid_date";
    public const string InvalidInteger = "invalid_integer";
    public const string InvalidBoolean = "invalid_boolean";
    public const string InvalidString = "invalid_string";
    public const string InvalidList = "invalid_list";
    public const string InvalidLanguage = "invalid_language";
    public const string Inclusion = "inclusion";
    public const string TooLong = "too_long";
    public const string TooShort = "too_short";
    /// <summary>A password, reset token or verification code that is not the right one (or no longer valid).</summary>
    public const string Invalid = "invalid";
    public const string UnknownProperty = "unknown_property";
    public const string EmailOrMsisdnRequired = "email_or_msisdn_required";
    public const string DuplicatedEmail = "duplicated_email_in_community";
    public const string DuplicatedMsisdn = "duplicated_msisdn_in_community";
    public const string UnknownConsent = "unknown_consent";
    public const string InvalidConsent = "invalid_consent";

    /// <summary>What each code means, for people: used by the pages next to the field.</summary>
    public static string Describe(string code) => code switch
    {
        Presence => "This field is required.",
        InvalidEmail => "Enter an e-mail address, e.g. name@example.com.",
        InvalidMsisdn => "Enter a mobile number with country code, e.g. 4740769126 or +47 407 69 126.",
        InvalidDate => "Enter a date as YYYY-MM-DD (not in the future for a birthday).",
        InvalidInteger => "Enter a whole number.",
        InvalidBoolean => "Choose yes or no.",
        InvalidString => "Enter text.",
        InvalidList => "Enter a list of allowed values.",
        InvalidLanguage => "Use a two-letter language code, e.g. no or en.",
        Inclusion => "Choose one of the allowed values.",
        TooLong => "This value is too long.",
        UnknownProperty => "This club's member schema has no such property.",
        EmailOrMsisdnRequired => "Give an e-mail address or a mobile number.",
        DuplicatedEmail => "Another member of this club has this e-mail address.",
        DuplicatedMsisdn => "Another member of this club has this mobile number.",
        UnknownConsent => "This club has no such consent.",
        InvalidConsent => "A consent answer is true or false.",
        "duplicated_external_customer_id" => "Another member of this club has this external customer id.",
        _ => code,
    };
}
