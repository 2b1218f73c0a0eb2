namespace Portal.Data.Entities;

/// <summary>The types a member property can have, with the names the schema answer uses.</summary>
public static class MemberPropertyType
{
    public const string String = "string";
    public const string Email = "email";
    public const string Msisdn = "msisdn";
    public const string Date = "date";
    public const string Integer = "integer";
    public const string Boolean = "boolean";
    public const string SingleChoice = "single_choice";
    public const string MultipleChoice = "multiple_choice";
    public const string IntegerList = "integer_list";

    public static readonly IReadOnlyList<string> All =
        [String, Email, Msisdn, Date, Integer, Boolean, SingleChoice, MultipleChoice, IntegerList];

    public static bool HasChoices(string type) => type is SingleChoice or MultipleChoice;
}
