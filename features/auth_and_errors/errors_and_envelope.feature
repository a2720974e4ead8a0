@errors
Feature: Error shape, error names and the success envelope
  Sources: 002 (error examples, C-02, C-08), 000 and 002 (envelope, C-03; 404 on every call
  on a missing group, C-09).

  @C-02 @C-08
  Scenario Outline: Errors have the service's shape and name: <case>
    Given a group owned by alice with members bob
    And "ghost" is not a user of the app
    And the app has users "carol"
    When I send "<method>" to "<path>"
    Then the response status is <status>
    And the response has the service's error shape
    And the response error is "<error>"
    And the response exception is "<exception>"

    Examples:
      | case                      | method | path                               | status | error                      | exception                                                     |
      | missing group (members)   | GET    | /chatgroups/999999999999999999/users | 404  | service_resource_not_found | com.easemob.group.exception.ServiceResourceNotFoundException |
      | missing group (admins)    | GET    | /chatgroups/999999999999999999/admin | 404  | resource_not_found         | com.easemob.group.exception.ResourceNotFoundException        |
      | missing user              | GET    | /users/{ghost}/joined_chatgroups   | 404    | resource_not_found         | com.easemob.group.exception.ResourceNotFoundException        |
      | forbidden on the owner    | POST   | /chatgroups/{group}/blocks/users/{alice} | 403 | forbidden_op            | com.easemob.group.exception.ForbiddenOpException             |
      | not a member              | DELETE | /chatgroups/{group}/users/{carol}  | 403    | forbidden_op               | com.easemob.group.exception.ForbiddenOpException             |

  @C-02 @C-08
  Scenario: An unknown shared file is not_found
    Given a group owned by alice
    When I download a shared file that does not exist
    Then the response status is 404
    And the response has the service's error shape
    And the response error is "not_found"
    And the response exception is "com.sun.jersey.api.NotFoundException"

  @C-02 @C-01
  Scenario: A bad token's error has the service's shape
    When I send "GET" to "/chatgroups?limit=1" without a token
    Then the response status is 401
    And the response has the service's error shape

  @C-09
  Scenario Outline: Every call on a group that does not exist answers 404: <call>
    Given a group that does not exist
    And the app has users "bob, carol"
    When I call "<call>" on the group
    Then the response status is 404
    And the response has the service's error shape

    Examples:
      | call                 |
      | get details          |
      | modify               |
      | delete               |
      | get the announcement |
      | set the announcement |
      | list shared files    |
      | upload a shared file |
      | list members         |
      | add a member         |
      | add members          |
      | remove a member      |
      | remove members       |
      | list admins          |
      | add an admin         |
      | remove an admin      |
      | transfer the owner   |
      | list the block list  |
      | block a user         |
      | block users          |
      | unblock a user       |
      | unblock users        |
      | list mutes           |
      | mute                 |
      | unmute               |

  @C-03
  Scenario: A success answer is the envelope with the request's method as action
    Given the app has users "alice"
    When I create a group owned by alice
    Then the response is the success envelope
    And the JSON at "action" is "post"
    And the JSON at "entities" has 0 items
    And the JSON at "organization" exists
    And the JSON at "applicationName" exists
    And the JSON at "uri" exists

  @C-03
  Scenario: Paged calls echo the query in params, as arrays of strings
    Given a group owned by alice with members bob
    When I list the group's members, page 1 with 10 per page
    Then the response is the success envelope
    And the JSON at "params.pagenum" lists exactly "1"
    And the JSON at "params.pagesize" lists exactly "10"

  @C-03
  Scenario: Cursor-paged calls carry a cursor only while more data remain
    Given a group owned by alice
    And another group "second" owned by alice
    When I list the app's groups 1 at a time
    Then the JSON at "cursor" exists
    When I page through the app's groups 1000 at a time
    Then the page carries no cursor

  @C-03
  Scenario: List calls carry count
    Given a group owned by alice with members bob and carol
    And bob and carol are blocked from the group
    When I list the group's block list
    Then the response is the success envelope
    And the JSON at "count" is 2
