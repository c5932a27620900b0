namespace Cluster.AdminBot.Commands;

/// <summary>Handles one command or a group of related commands, whatever the front end. Bad input is answered with
/// <see cref="AdminReply.Fail"/> and a message saying what is expected; the dispatcher has already checked the
/// argument count against <see cref="CommandDescriptor"/>.</summary>
public interface IAdminCommandHandler
{
    IReadOnlyList<CommandDescriptor> Commands { get; }

    Task<AdminReply> HandleAsync(AdminCommand command, AdminIdentity admin, CancellationToken cancellationToken);
}
