using System.Reflection;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Portal.Features.Placewise;

/// <summary>
/// Adds to every Placewise operation what its authorization attribute (<see cref="PlacewiseClientAttribute"/>,
/// <see cref="PlacewiseMemberAttribute"/>, checked by the Placewise schemes) enforces: the headers it reads and the
/// error answers it can give, so the OpenAPI document says what an app must send and may get back.
/// </summary>
public sealed class PlacewiseOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var both = context.MethodInfo.GetCustomAttribute<PlacewiseClientAndMemberAttribute>();
        var permit = context.MethodInfo.GetCustomAttribute<PlacewiseClientAttribute>()?.Permit ?? both?.Permit;
        var member = both is not null || context.MethodInfo.GetCustomAttribute<PlacewiseMemberAttribute>() is not null;
        if (permit is null && !member)
        {
            return;
        }
        operation.Parameters ??= [];
        if (permit is not null)
        {
            AddHeader(operation, "X-Client-Authorization", true, $"Client token: a club API key (Portal apikeys create) carrying the permit {permit}.");
        }
        if (member)
        {
            AddHeader(operation, "Authorization", true, "Bearer <member access token> from POST /v3/{loyalty_club_slug}/members/oauth/token.");
        }
        AddHeader(operation, "X-Product-Name", true, "The app's name; stored as the member's optin_channel on creation.");
        AddHeader(operation, "X-User-Agent", true, "The app's user agent.");
        AddHeader(operation, "X-Subproduct-Name", false, "Extra source information; stored as optin_subchannel on creation.");
        AddHeader(operation, "X-Loyalty-Club-Slug", false,
            "Accepted, and then must equal the loyalty_club_slug of the path (400 otherwise); may be left out, as the path names the club.");

        AddError(operation, context, "404", "Unknown loyalty club (or member).");
        AddError(operation, context, "470", "A required header is missing.");
        AddError(operation, context, "471", "A header is malformed.");
        if (permit is not null)
        {
            AddError(operation, context, "401", "Missing, wrong or revoked client token, or a token of another club.");
            AddError(operation, context, "403", $"The client token lacks the permit {permit}.");
        }
        if (member)
        {
            AddError(operation, context, "460", "Missing, invalid or expired member token.");
            AddError(operation, context, "467", "The member is banned.", typeof(PlacewiseBannedDocument));
        }
    }

    private static void AddHeader(OpenApiOperation operation, string name, bool required, string description)
    {
        if (operation.Parameters!.Any(p => p.Name == name))
        {
            return;
        }
        operation.Parameters!.Add(new OpenApiParameter
        {
            Name = name,
            In = ParameterLocation.Header,
            Required = required,
            Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
    }

    private static void AddError(OpenApiOperation operation, OperationFilterContext context, string status, string description, Type? body = null)
    {
        operation.Responses ??= [];
        if (operation.Responses.ContainsKey(status))
        {
            return;
        }
        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                ["application/json"] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(body ?? typeof(PlacewiseErrorDocument), context.SchemaRepository) },
            },
        };
    }
}
