@groups @today @mock-only
Feature: Rate limits of today's group and user calls (--rate-limits)
  The mock enforces each operation's limit per app only when asked (off by default); these
  scenarios switch it on through the control API with buckets that do not refill, so they count
  calls to the limit whatever the speed of the run. Over the limit: 429 reach_limit (C-04).

  Scenario Outline: "<call>" is limited to <limit> calls a second per app
    Given a group owned by alice with members bob
    And the mock enforces rate limits without refilling them
    When I call "<call>" <limit> times
    Then every one of those <limit> calls answered 200
    When I call "<call>" once more
    Then the response status is 429
    And the response has the service's error shape
    And the response error is "reach_limit"
    And the error description is "This request has reached api limit"

    @G-BAN-10
    Examples: mute-all
      | call                                   | limit |
      | mute everyone in the group             | 100   |
      | lift the mute on everyone in the group | 100   |

    @G-DIS-08
    Examples: disable and enable
      | call              | limit |
      | disable the group | 100   |
      | enable the group  | 100   |

    @G-JOIN-11
    Examples: joined groups by page
      | call                                    | limit |
      | list the groups bob has joined, by page | 50    |

    @G-JOIN-04 @doc-conflict
    Examples: is_joined (the rate tables list it as POST; the page uses GET; the mock serves both)
      | call                                    | limit |
      | ask whether bob is in the group         | 100   |
      | ask whether bob is in the group by POST | 100   |

    @G-WHITE-10 @doc-conflict
    Examples: allow list (the rate tables give the batch add the block list's path; the mock serves /white/users)
      | call                                   | limit |
      | list the group's allow list            | 100   |
      | add bob to the group's allow list      | 100   |
      | remove bob from the group's allow list | 100   |

  @G-JOIN-04 @doc-conflict
  Scenario: is_joined's GET and POST share one limit of 100 calls a second per app
    The rate tables have one row for the call (as POST); the page shows GET. Inferred: one call
    under two methods, so one bucket.

    Given a group owned by alice with members bob
    And the mock enforces rate limits without refilling them
    When I call "ask whether bob is in the group" 50 times
    Then every one of those 50 calls answered 200
    When I call "ask whether bob is in the group by POST" 50 times
    Then every one of those 50 calls answered 200
    When I call "ask whether bob is in the group by POST" once more
    Then the response status is 429
    And the response error is "reach_limit"
    When I call "ask whether bob is in the group" once more
    Then the response status is 429
    When I call "list the groups bob has joined, by page" once
    Then the response status is 200

  @U-07 @doc-conflict
  Scenario: The account calls share one bucket of 100 calls a second per app
    Both rate tables give the bulk delete 30 calls a second; its page gives only the shared
    100/s of the account calls, which the mock follows.

    Given the app has users "alice"
    And the mock enforces rate limits without refilling them
    When I call "get the user alice" 100 times
    Then every one of those 100 calls answered 200
    When I call "list the app's users" once
    Then the response status is 429
    And the response error is "reach_limit"
    When I call "delete the app's oldest user in bulk" once
    Then the response status is 429
    When I call "list the groups alice has joined, by page" once
    Then the response status is 200
