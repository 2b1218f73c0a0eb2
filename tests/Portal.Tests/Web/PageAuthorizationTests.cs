using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace Portal.Tests.Web;

/// <summary>Every page needs sign-in unless it is on the short public list; a new page cannot forget it.</summary>
public class PageAuthorizationTests
{
    private static readonly HashSet<string> PublicPages = ["/account/login", "/account/login-two-factor", "/not-found", "/error"];

    public static TheoryData<string> RoutablePages()
    {
        var data = new TheoryData<string>();
        foreach (var type in typeof(Program).Assembly.GetTypes().Where(t => t.IsDefined(typeof(RouteAttribute), false)))
        {
            data.Add(type.FullName!);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RoutablePages))]
    public void PageRequiresSignInUnlessPublic(string typeName)
    {
        var type = typeof(Program).Assembly.GetType(typeName)!;
        var routes = type.GetCustomAttributes(typeof(RouteAttribute), false).Cast<RouteAttribute>().Select(r => r.Template).ToList();
        var isPublic = type.IsDefined(typeof(AllowAnonymousAttribute), true);
        var requiresAuth = type.IsDefined(typeof(AuthorizeAttribute), true);

        if (routes.All(PublicPages.Contains))
        {
            Assert.True(isPublic, $"{typeName} is meant to be public; mark it [AllowAnonymous].");
        }
        else
        {
            Assert.False(isPublic, $"{typeName} ({string.Join(", ", routes)}) must not be anonymous.");
            Assert.True(requiresAuth, $"{typeName} ({string.Join(", ", routes)}) must carry [Authorize].");
        }
    }
}
