Feature: smoke
  @smoke
  Scenario: create a group
    Given the app has users "alice, bob"
    When I send "POST" to "/chatgroups" with JSON:
      """
      {"groupname": "g", "desc": "d", "public": true, "owner": "{alice}", "members": ["{bob}"]}
      """
    Then the response status is 200
    And the response is the success envelope
    And I remember the JSON at "data.groupid" as "group"
    When I send "GET" to "/chatgroups/{group}"
    Then the response status is 200
