using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Portal;

/// <summary>
/// Kestrel reports a bad request (a body over the size limit, a broken upload) by throwing while the body is
/// read; the caller gets that status (413, 400, ...) instead of a 500, in the seed surface's error format
/// (<see cref="VendorErrorBody"/>) or as ProblemDetails.
/// </summary>
public sealed class BadRequestExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }
        httpContext.Response.StatusCode = bad.StatusCode;
        var title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large" : "Bad request";
        if (VendorErrorBody.For(httpContext.Request.Path, bad.StatusCode, title) is { } body)
        {
            await httpContext.Response.WriteAsJsonAsync(body, body.GetType(), cancellationToken);
            return true;
        }
        await httpContext.Response.WriteAsJsonAsync(
            new ProblemDetails { Status = bad.StatusCode, Title = title, Detail = bad.Message },
            options: (System.Text.Json.JsonSerializerOptions?)null, contentType: "application/problem+json", cancellationToken);
        return true;
    }
}
