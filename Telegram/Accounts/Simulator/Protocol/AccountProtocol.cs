namespace Cluster.Telegram.Accounts.Simulator.Protocol;

/// <summary>Routes and headers of the simulator's account protocol: POST {base}account/v1/{operation}
/// with a JSON body; every operation but "connect" names its connection in <see cref="ConnectionHeader"/>.</summary>
public static class AccountProtocol
{
    public const string PathPrefix = "account/v1/";
    public const string ConnectionHeader = "X-Sim-Connection";

    public const string Connect = "connect";
    public const string State = "state";
    public const string Phone = "phone";
    public const string Code = "code";
    public const string Password = "password";
    public const string LogOut = "logout";
    public const string Disconnect = "disconnect";
    public const string Me = "me";
    public const string Resolve = "resolve";
    public const string Join = "join";
    public const string ResolveUser = "resolve-user";
    public const string History = "history";
    public const string Recent = "recent";
    public const string Forward = "forward";
    public const string Send = "send";
    public const string Edit = "edit";
    public const string Delete = "delete";
    public const string Updates = "updates";
}
