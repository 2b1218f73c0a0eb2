using System.Text.Json.Nodes;
using Portal.Data.Entities;
using Portal.Features.Schema;

namespace Portal.Tests.Schema;

public class MemberPropertiesValidatorTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    private static readonly ClubSchema Schema = new(1, "no",
    [
        new("email", "Email", MemberPropertyType.Email, false, [], true),
        new("msisdn", "Mobile", MemberPropertyType.Msisdn, false, [], true),
        new("first_name", "First name", MemberPropertyType.String, true, [], true),
        new("last_name", "Last name", MemberPropertyType.String, false, [], true),
        new("birthday", "Birthday", MemberPropertyType.Date, false, [], true),
        new("language", "Language", MemberPropertyType.String, false, [], true),
        new("interests", "Interests", MemberPropertyType.MultipleChoice, false, ["bikes_and_cars", "sportwear", "food"], false),
        new("child_birth_years", "Children's birth years", MemberPropertyType.IntegerList, false, [], false),
        new("favourite_floor", "Favourite floor", MemberPropertyType.SingleChoice, false, ["1", "2"], false),
        new("shoe_size", "Shoe size", MemberPropertyType.Integer, false, [], false),
        new("vip", "VIP", MemberPropertyType.Boolean, false, [], false),
    ], []);

    private static PropertyValidationResult Validate(string json, PresenceRule presence = PresenceRule.AllRequired) =>
        MemberPropertiesValidator.Validate(Schema, JsonNode.Parse(json)!.AsObject(), presence, Today);

    [Fact]
    public void AcceptsTheSeedExampleAndNormalisesIdentities()
    {
        var result = Validate("""
            {"first_name":"Ola","last_name":"Nordmann","birthday":"1990-10-23","interests":["bikes_and_cars","sportwear"],
             "child_birth_years":[2010,2011,2011],"language":"no","email":" Ola.Nordmann@Example.NO ","msisdn":"+47 407 69 126"}
            """);

        Assert.True(result.IsValid, string.Join(", ", result.Errors.Select(e => $"{e.Key}: {string.Join("/", e.Value)}")));
        Assert.Equal("ola.nordmann@example.no", result.Properties["email"]!.GetValue<string>());
        Assert.Equal("4740769126", result.Properties["msisdn"]!.GetValue<string>());
        Assert.Equal("[2010,2011,2011]", result.Properties["child_birth_years"]!.ToJsonString());
    }

    [Theory]
    [InlineData("4740769126", "4740769126")]
    [InlineData("+4740769126", "4740769126")]
    [InlineData("004740769126", "4740769126")]
    [InlineData("+47 407-69 126", "4740769126")]
    [InlineData("(+47) 40769126", null)]
    [InlineData("40769126x", null)]
    [InlineData("1234567", null)]
    [InlineData("0740769126", null)]
    [InlineData("1234567890123456", null)]
    public void NormalisesMsisdnToE164Digits(string input, string? expected) =>
        Assert.Equal(expected, IdentityNormalizer.Msisdn(input));

    [Theory]
    [InlineData("""{"first_name":"Ola","email":"not-an-email"}""", "email", PropertyErrorCodes.InvalidEmail)]
    [InlineData("""{"first_name":"Ola","msisdn":"12ab"}""", "msisdn", PropertyErrorCodes.InvalidMsisdn)]
    [InlineData("""{"first_name":"Ola","email":"a@b.no","birthday":"1990-13-01"}""", "birthday", PropertyErrorCodes.InvalidDate)]
    [InlineData("""{"first_name":"Ola","email":"a@b.no","birthday":"2030-01-01"}""", "birthday", PropertyErrorCodes.InvalidDate)]
    [InlineData("""{"first_name":"Ola","email":"a@b.no","shoe_size":"42"}""", "shoe_size", PropertyErrorCodes.InvalidInteger)]
    [InlineData("""{"first_name":"Ola","email":"a@b.no","shoe_size":42.5}""", "shoe_size", PropertyErrorCodes.InvalidInteger)]
    [InlineData("""{"first_name":"Ola","email":"a@b.no","vip":"yes"}""", "vip", PropertyErrorCodes.InvalidBoolean)]
    [InlineData("""{"first_name":"Ola","email":"a@b.no","interests":["golf"]}""", "interests", PropertyErrorCodes.Inclusion)]
    [InlineData("""{"first_name":"Ola","email":"a@b.no","interests":"food"}""", "interests", PropertyErrorCodes.InvalidList)]
    [InlineData("""{"first_name":"Ola","email":"a@b.no","child_birth_years":[2010,"x"]}""", "child_birth_years", PropertyErrorCodes.InvalidList)]
    [InlineData("""{"first_name":"Ola","email":"a@b.no","favourite_floor":"3"}""", "favourite_floor", PropertyErrorCodes.Inclusion)]
    [InlineData("""{"first_name":"Ola","email":"a@b.no","language":"norsk"}""", "language", PropertyErrorCodes.InvalidLanguage)]
    [InlineData("""{"first_name":42,"email":"a@b.no"}""", "first_name", PropertyErrorCodes.InvalidString)]
    [InlineData("""{"first_name":"Ola","email":"a@b.no","hat_size":7}""", "hat_size", PropertyErrorCodes.UnknownProperty)]
    [InlineData("""{"email":"a@b.no"}""", "first_name", PropertyErrorCodes.Presence)]
    [InlineData("""{"first_name":"   ","email":"a@b.no"}""", "first_name", PropertyErrorCodes.Presence)]
    [InlineData("""{"first_name":"Ola"}""", "email", PropertyErrorCodes.EmailOrMsisdnRequired)]
    public void RejectsValuesThatBreakTheSchema(string json, string key, string code)
    {
        var result = Validate(json);

        Assert.False(result.IsValid);
        Assert.Contains(code, result.Errors[key]);
    }

    [Fact]
    public void RejectsOverlongStrings()
    {
        var result = Validate($$"""{"first_name":"{{new string('a', 501)}}","email":"a@b.no"}""");

        Assert.Equal([PropertyErrorCodes.TooLong], result.Errors["first_name"]);
    }

    [Fact]
    public void ValidateChecksPresenceOnlyForGivenKeys()
    {
        Assert.True(Validate("""{"last_name":"Nordmann"}""", PresenceRule.OnlyGivenKeys).IsValid);
        Assert.Equal([PropertyErrorCodes.Presence], Validate("""{"first_name":""}""", PresenceRule.OnlyGivenKeys).Errors["first_name"]);
    }

    [Fact]
    public void IgnoringRequiredPropertiesStillChecksTypes()
    {
        Assert.True(Validate("""{"last_name":"Nordmann"}""", PresenceRule.None).IsValid);
        Assert.False(Validate("""{"email":"nope"}""", PresenceRule.None).IsValid);
    }

    [Fact]
    public void DropsBlankOptionalValues()
    {
        var result = Validate("""{"first_name":"Ola","email":"a@b.no","last_name":"","interests":[],"vip":null}""");

        Assert.True(result.IsValid);
        Assert.False(result.Properties.ContainsKey("last_name"));
        Assert.False(result.Properties.ContainsKey("interests"));
        Assert.False(result.Properties.ContainsKey("vip"));
    }
}
