@groups
Feature: Group members

  Background:
    Given the app has users "alice, bob"

  @G-MEM-02
  Scenario: Add one member
    When I add bob to the group
    Then the response status is 200

  @G-MEM-03
  Scenario: Add a member twice
    When I add bob to the group twice
    Then the response status is 403

  @G-MEM-07 @doc-conflict
  Scenario Outline: Batch add with <who>
    When I add <who> to the group in a batch
    Then the response status is <status>

    Examples:
      | who   | status |
      | ghost | 404    |
      | owner | 404    |

  Rule: Tokens
    @C-01 @mock-only
    Scenario: A bad token is refused
      When I list the members with a bad token
      Then the response status is 401
