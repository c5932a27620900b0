using System.Text;
using Cluster.Silo.Security;
using Microsoft.AspNetCore.Http;

namespace Cluster.Dashboard.Tests.Security;

public sealed class BasicCredentialsTests
{
    private static string Header(string value) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(value));

    [Theory]
    [InlineData("admin:pa:ss", true)]
    [InlineData("admin:pa:s", false)]
    [InlineData("Admin:pa:ss", false)]
    [InlineData("admin", false)]
    [InlineData(":pa:ss", false)]
    public void Only_the_exact_user_name_and_password_match(string credentials, bool matches)
        => Assert.Equal(matches, new BasicCredentials("admin", "pa:ss").Matches(Header(credentials)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer abc")]
    [InlineData("Basic not-base64!")]
    public void Missing_or_malformed_headers_do_not_match(string? header)
        => Assert.False(new BasicCredentials("admin", "password").Matches(header));

    [Theory]
    [InlineData("/", true)]
    [InlineData("/index.html", true)]
    [InlineData("/dashboard/api/cluster", true)]
    [InlineData("/Dashboard/dashboard.js", true)]
    [InlineData("/metrics", true)]
    [InlineData("/health/live", false)]
    [InlineData("/health/ready", false)]
    [InlineData("/cluster/v1/call", false)]
    [InlineData("/webhook/123", false)]
    [InlineData("/sim/world", false)]
    [InlineData("/dashboards-elsewhere", false)]
    public void Only_the_dashboard_and_metrics_are_protected(string path, bool isProtected)
        => Assert.Equal(isProtected, BasicAuthenticationMiddleware.IsProtected(new PathString(path)));
}
