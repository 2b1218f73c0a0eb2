using System.Text.Json;
using Portal.Tests.Web;

namespace Portal.Tests.Placewise;

/// <summary>The OpenAPI document describes every Placewise endpoint: body, answers and headers.</summary>
public class OpenApiDocumentTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    private static readonly string[] SeedMemberFields =
    [
        "id", "properties", "consents", "sms_status", "email_status", "push_status", "optin_channel", "optin_subchannel",
        "created_at", "updated_at", "banned_until", "person_id", "has_password", "subunit_ids", "has_push_token",
        "social_logins", "favorite_stores",
    ];

    private async Task<JsonElement> DocumentAsync()
    {
        var json = await factory.CreateBrowserlessClient().GetStringAsync("/swagger/v1/swagger.json");
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    [Fact]
    public async Task EveryPlacewiseOperationDocumentsItsBodiesHeadersAndErrors()
    {
        var document = await DocumentAsync();
        var operations = document.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/v3/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Path: p.Name, Method: o.Name, Operation: o.Value)))
            .ToList();

        Assert.True(operations.Count >= 20, $"only {operations.Count} Placewise operations documented");
        foreach (var (path, method, operation) in operations)
        {
            var name = $"{method.ToUpperInvariant()} {path}";
            var responses = operation.GetProperty("responses").EnumerateObject().ToList();
            Assert.Contains(responses, r => r.Name.StartsWith('2'));
            foreach (var response in responses)
            {
                Assert.True(response.Value.TryGetProperty("content", out var content) && content.TryGetProperty("application/json", out var media)
                    && media.TryGetProperty("schema", out _), $"{name} answers {response.Name} without a JSON schema");
            }
            Assert.Contains(responses, r => r.Name == "470");
            var headers = operation.GetProperty("parameters").EnumerateArray()
                .Where(p => p.GetProperty("in").GetString() == "header").Select(p => p.GetProperty("name").GetString()).ToList();
            Assert.Contains("X-Product-Name", headers);
            Assert.True(headers.Contains("X-Client-Authorization") || headers.Contains("Authorization"), $"{name} documents no credentials");
            if (method is "post" or "put")
            {
                Assert.True(operation.TryGetProperty("requestBody", out _), $"{name} documents no request body");
            }
        }
    }

    [Fact]
    public async Task CreateMemberDocumentsTheSeedsMemberJsonAnd422Body()
    {
        var document = await DocumentAsync();
        var create = document.GetProperty("paths").GetProperty("/v3/{loyalty_club_slug}/members").GetProperty("post");

        var member = Resolve(document, create.GetProperty("responses").GetProperty("201").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        Assert.Equal(SeedMemberFields.Concat(["account_id", "email_verified", "msisdn_verified"]).Order(), member.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());

        var validation = Resolve(document, create.GetProperty("responses").GetProperty("422").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        var entry = Resolve(document, validation.GetProperty("additionalProperties").GetProperty("items"));
        Assert.Equal(["error", "property"], entry.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());

        foreach (var status in new[] { "400", "401", "403", "404", "465", "466", "468", "470", "471" })
        {
            Assert.True(create.GetProperty("responses").TryGetProperty(status, out _), $"Create Member does not document {status}");
        }
    }

    [Fact]
    public async Task CreateMemberSaysWhatItDoesWithTheSeedsClubSlugAndClientTokenHeaders()
    {
        // Seed 001 marks "X-Loyalty-Club-Slug ... required" and "X-Client-Authorization ... optional".
        var document = await DocumentAsync();
        var create = document.GetProperty("paths").GetProperty("/v3/{loyalty_club_slug}/members").GetProperty("post");
        var headers = create.GetProperty("parameters").EnumerateArray().Where(p => p.GetProperty("in").GetString() == "header")
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p);

        Assert.Contains("must equal the loyalty_club_slug of the path", headers["X-Loyalty-Club-Slug"].GetProperty("description").GetString());
        Assert.True(headers["X-Client-Authorization"].GetProperty("required").GetBoolean());
        var description = create.GetProperty("description").GetString()!;
        Assert.Contains("stricter on purpose", description);
        Assert.Contains("X-Client-Authorization", description);
    }

    [Fact]
    public async Task TheNewPlacewisePagesAreDocumentedWithTheirPermits()
    {
        var document = await DocumentAsync();
        var paths = document.GetProperty("paths");
        foreach (var (path, permit) in new[]
        {
            ("/v3/{loyalty_club_slug}/members/{id}/public_info", "BL:Api:Members:PublicInfo:Show"),
            ("/v3/{loyalty_club_slug}/members/by_msisdn/{msisdn}/public_info", "BL:Api:Members:PublicInfo:Show"),
            ("/v3/{loyalty_club_slug}/members/by_email/{email}/public_info", "BL:Api:Members:PublicInfo:Show"),
            ("/v3/{loyalty_club_slug}/members/{id}/person_id", "BL:Api:Members:PersonId:Show"),
            ("/v3/{loyalty_club_slug}/members/by_msisdn/{msisdn}/person_id", "BL:Api:Members:PersonId:Show"),
            ("/v3/{loyalty_club_slug}/members/by_email/{email}/person_id", "BL:Api:Members:PersonId:Show"),
            ("/v3/{loyalty_club_slug}/loyalty_club", "BL:Api:LoyaltyClubs:Show"),
            ("/v3/{loyalty_club_slug}/loyalty_clubs", "BL:Api:LoyaltyClubs:List"),
            ("/v3/{loyalty_club_slug}/legal_information", "BL:Api:LegalInformation:Show"),
        })
        {
            var get = paths.GetProperty(path).GetProperty("get");
            var responses = get.GetProperty("responses");
            foreach (var status in new[] { "200", "401", "403", "404", "470", "471" })
            {
                Assert.True(responses.TryGetProperty(status, out _), $"GET {path} does not document {status}");
            }
            Assert.Contains(permit, get.GetProperty("responses").GetProperty("403").GetProperty("description").GetString());
        }
    }

    private static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        if (!schema.TryGetProperty("$ref", out var reference))
        {
            return schema;
        }
        var name = reference.GetString()!.Split('/').Last();
        return document.GetProperty("components").GetProperty("schemas").GetProperty(name);
    }
}
