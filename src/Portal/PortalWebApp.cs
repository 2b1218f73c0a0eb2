using Microsoft.AspNetCore.Identity;
using Portal.Components;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Features.Account;
using Portal.Features.ApiKeys;
using Portal.Features.Clubs;
using Portal.Features.Members;
using Portal.Features.Operations;
using MudBlazor.Services;
using Portal.Features.Placewise;

namespace Portal;

/// <summary>Builds the web application: services, middleware and endpoints.</summary>
public static class PortalWebApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(PortalWebApp).Assembly.GetName().Name,
        });
        // Serves the packages' static files (_content/MudBlazor/..., _framework/blazor.web.js) from the build output in every
        // environment, not only Development; a published app has them in wwwroot instead.
        builder.WebHost.UseStaticWebAssets();

        // Service lifetimes are checked (a scoped service from the root provider, a registration that cannot be
        // built) in Development, as ASP.NET Core does by default, and wherever Portal:ValidateServices is set:
        // every test host sets it, so a lifetime mistake fails a test whatever environment the test runs in.
        var validateServices = builder.Environment.IsDevelopment()
            || builder.Configuration.GetValue<bool>($"{PortalOptions.Section}:{nameof(PortalOptions.ValidateServices)}");
        builder.Host.UseDefaultServiceProvider(provider =>
        {
            provider.ValidateScopes = validateServices;
            provider.ValidateOnBuild = validateServices;
        });

        // No API body Portal takes comes near 1 MB (a Firebase key file is 2-3 kB); larger ones are refused with 413.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);

        var services = builder.Services;
        services.AddPortalCore(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddHostedService<StartupInitializer>();

        // Sign-in and the current club need HTTP and Blazor, so they are web-only (not in AddPortalCore).
        new IdentityBuilder(typeof(PortalUser), typeof(IdentityRole), services).AddSignInManager();
        services.AddScoped<CurrentClub>();
        services.AddHttpContextAccessor();
        services.AddScoped<ClientAddress>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(provider => provider.GetRequiredService<ClientAddress>());
        services.AddScoped<PortalAccess>();
        services.AddScoped<PageAction>();
        services.AddSingleton<CircuitsPerUser>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, CircuitLimitHandler>();
        services.AddHostedService<Features.Audit.AuditRetention>();
        services.AddHostedService<Features.OneTimeCodes.ExpiredCodePurge>();
        services.AddHostedService(provider => provider.GetRequiredService<Features.ApiKeys.ApiKeyUsage>());
        services.AddSingleton<Features.Push.FcmSandbox>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddVendorApiSchemes().AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/login";
            cookie.LogoutPath = "/account/logout";
            cookie.AccessDeniedPath = "/account/access-denied";
            cookie.Cookie.Name = "portal.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
        });
        // The cookie is checked against the database on every request (one indexed read), so a disabled user or
        // one whose role changed is turned away at once rather than at the default 30-minute check.
        services.Configure<SecurityStampValidatorOptions>(stamp => stamp.ValidationInterval = TimeSpan.Zero);
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, PortalAuthenticationStateProvider>();

        // SecurityHeaders sends X-Frame-Options: DENY on every response; antiforgery would add a second, weaker one.
        services.AddAntiforgery(antiforgery => antiforgery.SuppressXFrameOptionsHeader = true);
        services.AddRazorComponents().AddInteractiveServerComponents(circuits =>
        {
            // Chosen, not defaulted: a few minutes to reconnect after a network blip, a bounded number of such
            // circuits kept in memory, and no unbounded queue of renders for a slow browser.
            circuits.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
            circuits.DisconnectedCircuitMaxRetained = 100;
            circuits.MaxBufferedUnacknowledgedRenderBatches = 10;
            circuits.JSInteropDefaultCallTimeout = TimeSpan.FromSeconds(30);
        }).AddHubOptions(hub =>
        {
            // SignalR's 32 kB default, stated: no page sends more in one message (the Firebase key file is streamed).
            hub.MaximumReceiveMessageSize = 32 * 1024;
        });
        services.AddMudServices();

        services.AddControllers();
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(swagger =>
        {
            swagger.SwaggerDoc("v1", new() { Title = "Portal API", Version = "v1", Description = "Member, device and applet endpoints for mobile apps." });
            swagger.OperationFilter<Portal.OpenApi.JsonRequestBodyOperationFilter>();
            swagger.OperationFilter<Portal.Features.Placewise.PlacewiseOperationFilter>();
            var xml = Path.Combine(AppContext.BaseDirectory, "Portal.xml");
            if (File.Exists(xml))
            {
                swagger.IncludeXmlComments(xml);
            }
        });
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddPortalRateLimits(builder.Configuration);
        services.AddHealthChecks().AddDbContextCheck<PortalDbContext>("database");

        var app = builder.Build();
        Configure(app);
        return app;
    }

    private static void Configure(WebApplication app)
    {
        app.UseSecurityHeaders();
        if (app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            // Pages get the friendly error page; API callers get ProblemDetails; nobody gets a stack trace.
            app.UseWhen(context => IsApiRequest(context.Request.Path), api => api.UseExceptionHandler());
            app.UseWhen(context => !IsApiRequest(context.Request.Path), pages => pages.UseExceptionHandler("/error", createScopeForErrors: true));
            app.UseHsts();
        }

        app.UseWhen(context => IsApiRequest(context.Request.Path),
            api => api.UseStatusCodePages(WriteApiStatusAsync));
        app.UseWhen(context => !IsApiRequest(context.Request.Path),
            pages => pages.UseStatusCodePagesWithReExecute("/not-found"));

        app.UseStaticFiles();
        // Routing after the error and status-code handlers, so their re-executed requests find /error and /not-found.
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseTwoFactorSetUpRequirement();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.UseSwagger();
        app.UseSwaggerUI(ui => ui.DocumentTitle = "Portal API");

        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapControllers();
        app.MapAccountEndpoints();
        app.MapMemberExport();
        if (app.Services.GetRequiredService<Features.Push.FcmSandbox>() is { Enabled: true } sandbox)
        {
            sandbox.MapEndpoints(app);
        }
        // SecurityHeaders already sends frame-ancestors 'none'; Blazor's own ('self') would be a second header.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(server => server.ContentSecurityFrameAncestorsPolicy = null);
    }

    /// <summary>
    /// The body of a bare error status (no route for an id that is not a number, 405, 415, 429): the seed surface's
    /// own format (<see cref="VendorErrorBody"/>), where apps read that format whatever went wrong; ProblemDetails elsewhere.
    /// </summary>
    private static async Task WriteApiStatusAsync(Microsoft.AspNetCore.Diagnostics.StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        if (VendorErrorBody.For(http.Request.Path, status) is { } body)
        {
            await http.Response.WriteAsJsonAsync(body, body.GetType());
            return;
        }
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status },
        });
    }

    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>API paths answer in JSON (ProblemDetails or the seed's own format), never with an HTML page.</summary>
    public static bool IsApiRequest(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/v3") || path.StartsWithSegments("/auth") || path.StartsWithSegments("/swagger") || path.StartsWithSegments("/health");
}
