using Cluster.Grains.Abstractions.Accounts;
using Cluster.Grains.Accounts;
using Cluster.Grains.Tests.Support;

namespace Cluster.Grains.Tests.Accounts;

public class AccountStateMachineTests
{
    private static AccountPhase Run(params AccountTrigger[] triggers)
        => triggers.Aggregate(AccountPhase.Offline, AccountStateMachine.Apply);

    [Fact]
    public void Start_then_restored_session_is_active()
        => Assert.Equal(AccountState.Active, Run(new AccountTrigger.Start(), new AccountTrigger.LoggedIn()).State);

    [Fact]
    public void Login_walks_through_phone_code_and_password()
    {
        var phase = Run(new AccountTrigger.Start(), new AccountTrigger.NeedsLogin(LoginStep.PhoneNumber));
        Assert.Equal((AccountState.WaitingForLogin, LoginStep.PhoneNumber), (phase.State, phase.LoginStep));
        phase = AccountStateMachine.Apply(phase, new AccountTrigger.NeedsLogin(LoginStep.Code));
        phase = AccountStateMachine.Apply(phase, new AccountTrigger.NeedsLogin(LoginStep.Password));
        Assert.Equal(LoginStep.Password, phase.LoginStep);
        phase = AccountStateMachine.Apply(phase, new AccountTrigger.LoggedIn());
        Assert.Equal((AccountState.Active, LoginStep.None), (phase.State, phase.LoginStep));
    }

    [Fact]
    public void Flood_wait_turns_active_into_cooldown_until_its_end()
    {
        var until = Msg.T0.AddMinutes(5);
        var phase = Run(new AccountTrigger.Start(), new AccountTrigger.LoggedIn(), new AccountTrigger.FloodWait(until));
        Assert.Equal(AccountState.Cooldown, phase.State);
        Assert.Equal(until, phase.CooldownUntil);
        Assert.False(AccountStateMachine.CanSend(phase, Msg.T0));
        Assert.True(AccountStateMachine.CanSend(phase, until));

        Assert.Equal(AccountState.Cooldown, AccountStateMachine.Apply(phase, new AccountTrigger.Tick(until.AddSeconds(-1))).State);
        var after = AccountStateMachine.Apply(phase, new AccountTrigger.Tick(until));
        Assert.Equal(AccountState.Active, after.State);
        Assert.Null(after.CooldownUntil);
    }

    [Fact]
    public void Shorter_flood_wait_does_not_shorten_a_cooldown()
    {
        var phase = Run(new AccountTrigger.Start(), new AccountTrigger.LoggedIn(),
            new AccountTrigger.FloodWait(Msg.T0.AddMinutes(10)), new AccountTrigger.FloodWait(Msg.T0.AddMinutes(1)));
        Assert.Equal(Msg.T0.AddMinutes(10), phase.CooldownUntil);
    }

    [Fact]
    public void Failure_is_an_error_with_its_reason_and_start_retries()
    {
        var phase = Run(new AccountTrigger.Start(), new AccountTrigger.Failed("AUTH_KEY_DUPLICATED"));
        Assert.Equal(AccountState.Error, phase.State);
        Assert.Equal("AUTH_KEY_DUPLICATED", phase.Reason);
        Assert.Equal(AccountState.Connecting, AccountStateMachine.Apply(phase, new AccountTrigger.Start()).State);
    }

    [Fact]
    public void Revoked_session_waits_for_a_new_login()
    {
        var phase = Run(new AccountTrigger.Start(), new AccountTrigger.LoggedIn(), new AccountTrigger.SessionRevoked());
        Assert.Equal((AccountState.WaitingForLogin, LoginStep.PhoneNumber), (phase.State, phase.LoginStep));
    }

    [Fact]
    public void Banned_account_refuses_to_start_until_reconfigured()
    {
        var phase = Run(new AccountTrigger.Start(), new AccountTrigger.LoggedIn(), new AccountTrigger.Banned("USER_DEACTIVATED_BAN"));
        Assert.Equal(AccountState.Banned, phase.State);
        var e = Assert.Throws<InvalidOperationException>(() => AccountStateMachine.Apply(phase, new AccountTrigger.Start()));
        Assert.Contains("banned", e.Message);
        Assert.Equal(AccountState.Offline, AccountStateMachine.Apply(phase, new AccountTrigger.Reconfigured()).State);
    }

    [Fact]
    public void Logging_in_an_offline_account_is_refused()
        => Assert.Throws<InvalidOperationException>(() => Run(new AccountTrigger.LoggedIn()));

    [Fact]
    public void Stop_goes_offline_from_anywhere_and_later_failures_do_not_change_it()
    {
        var phase = Run(new AccountTrigger.Start(), new AccountTrigger.LoggedIn(), new AccountTrigger.Stop(), new AccountTrigger.Failed("late"));
        Assert.Equal(AccountState.Offline, phase.State);
    }

    [Fact]
    public void Start_is_idempotent_while_running()
    {
        var active = Run(new AccountTrigger.Start(), new AccountTrigger.LoggedIn());
        Assert.Same(active, AccountStateMachine.Apply(active, new AccountTrigger.Start()));
    }

    [Fact]
    public void Flood_wait_during_login_delays_the_login_without_leaving_it()
    {
        var phase = Run(new AccountTrigger.Start(), new AccountTrigger.NeedsLogin(LoginStep.Code), new AccountTrigger.FloodWait(Msg.T0.AddMinutes(3)));
        Assert.Equal(AccountState.WaitingForLogin, phase.State);
        Assert.Equal(Msg.T0.AddMinutes(3), phase.CooldownUntil);
    }

    [Fact]
    public void Without_a_session_slot_a_started_account_is_queued_and_connects_when_one_is_handed_to_it()
    {
        var queued = Run(new AccountTrigger.Start(), new AccountTrigger.Queued());
        Assert.Equal(AccountState.Queued, queued.State);
        Assert.False(AccountStateMachine.CanSend(queued, Msg.T0));
        Assert.Throws<InvalidOperationException>(() => AccountStateMachine.Apply(queued, new AccountTrigger.LoggedIn()));
        Assert.Same(queued, AccountStateMachine.Apply(queued, new AccountTrigger.Queued()));

        var connecting = AccountStateMachine.Apply(queued, new AccountTrigger.Start());
        Assert.Equal(AccountState.Connecting, connecting.State);
        Assert.Equal(AccountState.Active, AccountStateMachine.Apply(connecting, new AccountTrigger.LoggedIn()).State);
    }

    [Fact]
    public void A_connected_account_whose_slot_is_recalled_waits_again_and_keeps_its_cooldown()
    {
        Assert.Equal(AccountState.Queued, Run(new AccountTrigger.Start(), new AccountTrigger.LoggedIn(), new AccountTrigger.Queued()).State);
        Assert.Equal(AccountState.Queued, Run(new AccountTrigger.Start(), new AccountTrigger.NeedsLogin(LoginStep.Code), new AccountTrigger.Queued()).State);

        var until = Msg.T0.AddMinutes(5);
        var queued = Run(new AccountTrigger.Start(), new AccountTrigger.LoggedIn(), new AccountTrigger.FloodWait(until), new AccountTrigger.Queued());
        Assert.Equal((AccountState.Queued, until), (queued.State, queued.CooldownUntil));
        var back = Run(new AccountTrigger.Start(), new AccountTrigger.LoggedIn(), new AccountTrigger.FloodWait(until), new AccountTrigger.Queued(),
            new AccountTrigger.Start(), new AccountTrigger.LoggedIn());
        Assert.Equal((AccountState.Cooldown, until), (back.State, back.CooldownUntil));
    }

    [Fact]
    public void Only_a_running_account_is_queued_and_a_queued_one_stops_or_fails_like_the_others()
    {
        Assert.Equal(AccountState.Offline, Run(new AccountTrigger.Queued()).State);
        Assert.Equal(AccountState.Error, Run(new AccountTrigger.Start(), new AccountTrigger.Failed("x"), new AccountTrigger.Queued()).State);
        Assert.Equal(AccountState.Offline, Run(new AccountTrigger.Start(), new AccountTrigger.Queued(), new AccountTrigger.Stop()).State);
        Assert.Equal(AccountState.Error, Run(new AccountTrigger.Start(), new AccountTrigger.Queued(), new AccountTrigger.Failed("restore")).State);
        var banned = Run(new AccountTrigger.Start(), new AccountTrigger.Queued(), new AccountTrigger.Banned("USER_DEACTIVATED_BAN"));
        Assert.Throws<InvalidOperationException>(() => AccountStateMachine.Apply(banned, new AccountTrigger.Queued()));
    }

    [Fact]
    public void Queued_is_added_after_the_existing_states_so_stored_names_and_numbers_stay_valid()
    {
        Assert.Equal(
            new[] { "Offline", "Connecting", "WaitingForLogin", "Active", "Cooldown", "Error", "Banned", "Queued" },
            Enum.GetNames<AccountState>());
        Assert.Equal(7, (int)AccountState.Queued);
    }
}
