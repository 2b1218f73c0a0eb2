using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Portal.Features.ApiKeys;
using Portal.Features.Placewise;

namespace Portal.Features.Schema;

/// <summary>Placewise member API v3 (seed document 000): the club's member schema, for apps that build their forms from it.</summary>
[Route("v3/{loyalty_club_slug}")]
[Produces("application/json")]
[Tags("Placewise members")]
public class PlacewiseSchemaController(ClubSchemaService schemas) : ControllerBase
{
    /// <summary>Show Schema: the member properties and consents of the club.</summary>
    /// <remarks>Client token with permit <c>BL:Api:Schema:Show</c>. Answers <c>{"default_language", "properties":[...], "consents":[...]}</c>.</remarks>
    [HttpGet("schema")]
    [PlacewiseClient(ApiPermits.SchemaShow)]
    [ProducesResponseType(typeof(PlacewiseSchemaDocument), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status403Forbidden)]
    [ProducesResponseType(typeof(PlacewiseErrorDocument), StatusCodes.Status404NotFound)]
    public async Task<IActionResult> ShowSchema(CancellationToken ct)
    {
        var client = PlacewiseClient.From(HttpContext);
        var schema = (await schemas.GetAsync(client.Club.Id, ct))!;
        return Ok(new JsonObject
        {
            ["default_language"] = schema.DefaultLanguage,
            ["properties"] = new JsonArray(schema.Properties.Select(p => (JsonNode?)new JsonObject
            {
                ["key"] = p.Key,
                ["label"] = p.Label,
                ["type"] = p.Type,
                ["required"] = p.Required,
                ["choices"] = new JsonArray(p.Choices.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
            }).ToArray()),
            ["consents"] = new JsonArray(schema.Consents.Where(c => c.Active).Select(c => (JsonNode?)new JsonObject
            {
                ["key"] = c.Key,
                ["title"] = c.Title,
                ["description"] = c.Description,
                ["version"] = c.Version,
            }).ToArray()),
        });
    }
}
