package openapi

// documentedOperations is the list of operations the three documents in shared/docs describe,
// written down by hand from the documents (not from the spec), so that a test can compare the
// two in both directions. Single and batch removals share a path, and so do modify-group and
// transfer-owner (PUT /chatgroups/{group_id}): 29 documented group operations fold into 26 pairs
// and 38 chatroom operations into 36.
var documentedOperations = []struct {
	Method, Path, OperationID, Tag string
}{
	// Groups: 002 (English) and 000 (older Chinese edition).
	{"GET", "/chatgroups", "listGroups", "groups"},
	{"GET", "/users/{username}/joined_chatgroups", "listJoinedGroups", "groups"},
	{"GET", "/chatgroups/{group_id}", "getGroupDetails", "groups"},
	{"POST", "/chatgroups", "createGroup", "groups"},
	{"PUT", "/chatgroups/{group_id}", "updateGroup", "groups"}, // modify and transfer owner
	{"DELETE", "/chatgroups/{group_id}", "deleteGroup", "groups"},
	{"GET", "/chatgroups/{group_id}/announcement", "getGroupAnnouncement", "group-announcements"},
	{"POST", "/chatgroups/{group_id}/announcement", "setGroupAnnouncement", "group-announcements"},
	{"GET", "/chatgroups/{group_id}/share_files", "listGroupFiles", "group-files"},
	{"POST", "/chatgroups/{group_id}/share_files", "uploadGroupFile", "group-files"},
	{"GET", "/chatgroups/{group_id}/share_files/{file_id}", "downloadGroupFile", "group-files"},
	{"DELETE", "/chatgroups/{group_id}/share_files/{file_id}", "deleteGroupFile", "group-files"},
	{"GET", "/chatgroups/{group_id}/users", "listGroupMembers", "group-members"},
	{"POST", "/chatgroups/{group_id}/users/{username}", "addGroupMember", "group-members"},
	{"POST", "/chatgroups/{group_id}/users", "addGroupMembers", "group-members"},
	{"DELETE", "/chatgroups/{group_id}/users/{username}", "removeGroupMembers", "group-members"}, // one or a comma list
	{"GET", "/chatgroups/{group_id}/admin", "listGroupAdmins", "group-admins"},
	{"POST", "/chatgroups/{group_id}/admin", "addGroupAdmin", "group-admins"},
	{"DELETE", "/chatgroups/{group_id}/admin/{oldadmin}", "removeGroupAdmin", "group-admins"},
	{"GET", "/chatgroups/{group_id}/blocks/users", "listGroupBlocks", "group-blocks"},
	{"POST", "/chatgroups/{group_id}/blocks/users/{username}", "blockGroupUser", "group-blocks"},
	{"POST", "/chatgroups/{group_id}/blocks/users", "blockGroupUsers", "group-blocks"},
	{"DELETE", "/chatgroups/{group_id}/blocks/users/{username}", "unblockGroupUsers", "group-blocks"}, // one or a comma list
	{"POST", "/chatgroups/{group_id}/mute", "muteGroupMembers", "group-mutes"},
	{"DELETE", "/chatgroups/{group_id}/mute/{username}", "unmuteGroupMembers", "group-mutes"},
	{"GET", "/chatgroups/{group_id}/mute", "listGroupMutes", "group-mutes"},

	// Chatrooms: 001.
	{"POST", "/chatrooms/super_admin", "addChatroomSuperAdmin", "chatroom-super-admins"},
	{"GET", "/chatrooms/super_admin", "listChatroomSuperAdmins", "chatroom-super-admins"},
	{"DELETE", "/chatrooms/super_admin/{super_admin}", "removeChatroomSuperAdmin", "chatroom-super-admins"},
	{"GET", "/chatrooms", "listChatrooms", "chatrooms"},
	{"GET", "/users/{username}/joined_chatrooms", "listJoinedChatrooms", "chatrooms"},
	{"GET", "/chatrooms/{chatroom_id}", "getChatroomDetails", "chatrooms"},
	{"POST", "/chatrooms", "createChatroom", "chatrooms"},
	{"PUT", "/chatrooms/{chatroom_id}", "modifyChatroom", "chatrooms"},
	{"DELETE", "/chatrooms/{chatroom_id}", "deleteChatroom", "chatrooms"},
	{"GET", "/chatrooms/{chatroom_id}/announcement", "getChatroomAnnouncement", "chatrooms"},
	{"POST", "/chatrooms/{chatroom_id}/announcement", "setChatroomAnnouncement", "chatrooms"},
	{"PUT", "/metadata/chatroom/{chatroom_id}/user/{username}", "setChatroomAttributes", "chatroom-attributes"},
	{"POST", "/metadata/chatroom/{chatroom_id}", "getChatroomAttributes", "chatroom-attributes"},
	{"DELETE", "/metadata/chatroom/{chatroom_id}/user/{username}", "deleteChatroomAttributes", "chatroom-attributes"},
	{"PUT", "/metadata/chatroom/{chatroom_id}/user/{username}/forced", "forceSetChatroomAttributes", "chatroom-attributes"},
	{"DELETE", "/metadata/chatroom/{chatroom_id}/user/{username}/forced", "forceDeleteChatroomAttributes", "chatroom-attributes"},
	{"GET", "/chatrooms/{chatroom_id}/users", "listChatroomMembers", "chatroom-members"},
	{"POST", "/chatrooms/{chatroom_id}/users/{username}", "addChatroomMember", "chatroom-members"},
	{"POST", "/chatrooms/{chatroom_id}/users", "addChatroomMembers", "chatroom-members"},
	{"DELETE", "/chatrooms/{chatroom_id}/users/{username}", "removeChatroomMembers", "chatroom-members"}, // one or a comma list
	{"GET", "/chatrooms/{chatroom_id}/admin", "listChatroomAdmins", "chatroom-admins"},
	{"POST", "/chatrooms/{chatroom_id}/admin", "addChatroomAdmin", "chatroom-admins"},
	{"DELETE", "/chatrooms/{chatroom_id}/admin/{oldadmin}", "removeChatroomAdmin", "chatroom-admins"},
	{"GET", "/chatrooms/{chatroom_id}/blocks/users", "listChatroomBlocks", "chatroom-blocks"},
	{"POST", "/chatrooms/{chatroom_id}/blocks/users/{username}", "blockChatroomUser", "chatroom-blocks"},
	{"POST", "/chatrooms/{chatroom_id}/blocks/users", "blockChatroomUsers", "chatroom-blocks"},
	{"DELETE", "/chatrooms/{chatroom_id}/blocks/users/{username}", "unblockChatroomUsers", "chatroom-blocks"}, // one or a comma list
	{"GET", "/chatrooms/{chatroom_id}/white/users", "listChatroomAllowList", "chatroom-allow-list"},
	{"POST", "/chatrooms/{chatroom_id}/white/users/{username}", "addChatroomAllowListUser", "chatroom-allow-list"},
	{"POST", "/chatrooms/{chatroom_id}/white/users", "addChatroomAllowListUsers", "chatroom-allow-list"},
	{"DELETE", "/chatrooms/{chatroom_id}/white/users/{username}", "removeChatroomAllowListUsers", "chatroom-allow-list"}, // one or a comma list
	{"GET", "/chatrooms/{chatroom_id}/mute", "listChatroomMutes", "chatroom-mutes"},
	{"POST", "/chatrooms/{chatroom_id}/mute", "muteChatroomMembers", "chatroom-mutes"},
	{"DELETE", "/chatrooms/{chatroom_id}/mute/{username}", "unmuteChatroomMembers", "chatroom-mutes"},
	{"POST", "/chatrooms/{chatroom_id}/ban", "muteAllChatroomMembers", "chatroom-mutes"},
	{"DELETE", "/chatrooms/{chatroom_id}/ban", "unmuteAllChatroomMembers", "chatroom-mutes"},
}

// supportingOperations are not group or chatroom calls; the documents only point to them, and
// every real run needs them (token, user registration and clean-up).
var supportingOperations = []struct {
	Method, Path, OperationID, Tag string
}{
	{"POST", "/token", "getAppToken", "auth"},
	{"POST", "/users", "registerUsers", "users"},
	{"GET", "/users/{username}", "getUser", "users"},
	{"DELETE", "/users/{username}", "deleteUser", "users"},
}

// todayOperations are the calls of today's public pages (easemob/easemob-doc,
// docs/document/server-side/<Page>) that the three documents lack and real client SDKs make:
// the catalogue's part pub, ../shared/behaviours-today.md. Each names its page, which the
// operation's description must cite, and must carry its rate limit as x-rate-limit.
var todayOperations = []struct {
	Method, Path, OperationID, Tag, Page string
}{
	// Users needed for set-up and tear-down (U).
	{"GET", "/users", "listUsers", "users", "account_detail_obtain_batch.md"},
	{"DELETE", "/users", "deleteUsers", "users", "account_delete_batch.md"},

	// Groups: mute-all (G-BAN), disable and enable (G-DIS), membership (G-JOIN), allow list (G-WHITE).
	{"POST", "/chatgroups/{group_id}/ban", "muteAllGroupMembers", "group-mutes", "group_member_mute_all.md"},
	{"DELETE", "/chatgroups/{group_id}/ban", "unmuteAllGroupMembers", "group-mutes", "group_member_unmute_all.md"},
	{"POST", "/chatgroups/{group_id}/disable", "disableGroup", "groups", "group_ban.md"},
	{"POST", "/chatgroups/{group_id}/enable", "enableGroup", "groups", "group_unban.md"},
	{"GET", "/chatgroups/{group_id}/user/{username}/is_joined", "isGroupMember", "group-members", "group_check_joined.md"},
	{"POST", "/chatgroups/{group_id}/user/{username}/is_joined", "isGroupMemberPost", "group-members", "group_check_joined.md"},
	{"GET", "/chatgroups/user/{username}", "listJoinedGroupsPaged", "groups", "group_obtain_joined.md"},
	{"GET", "/chatgroups/{group_id}/white/users", "listGroupAllowList", "group-allow-list", "group_allowlist_query.md"},
	{"POST", "/chatgroups/{group_id}/white/users", "addGroupAllowListUsers", "group-allow-list", "group_allowlist_add_batch.md"},
	{"POST", "/chatgroups/{group_id}/white/users/{username}", "addGroupAllowListUser", "group-allow-list", "group_allowlist_add_single.md"},
	{"DELETE", "/chatgroups/{group_id}/white/users/{username}", "removeGroupAllowListUsers", "group-allow-list", "group_allowlist_remove.md"},

	// Groups: custom attributes of members (G-MATTR).
	{"PUT", "/metadata/chatgroup/{group_id}/user/{username}", "setGroupMemberAttributes", "group-member-attributes", "group_member_attribute_set.md"},
	{"GET", "/metadata/chatgroup/{group_id}/user/{username}", "getGroupMemberAttributes", "group-member-attributes", "group_member_attribute_get.md"},
	{"POST", "/metadata/chatgroup/{group_id}/get", "getGroupMembersAttributes", "group-member-attributes", "group_member_attribute_get_by_key.md"},
	{"PUT", "/metadata/chatgroup/{group_id}/users/batch", "setGroupMembersAttributesBatch", "group-member-attributes", "group_member_attribute_set_batch.md"},

	// Groups: message threads (G-THR).
	{"POST", "/thread", "createThread", "group-threads", "group_thread_create.md"},
	{"GET", "/thread", "listThreads", "group-threads", "group_thread_obtain.md"},
	{"PUT", "/thread/{thread_id}", "renameThread", "group-threads", "group_thread_modify.md"},
	{"DELETE", "/thread/{thread_id}", "deleteThread", "group-threads", "group_thread_delete.md"},
	{"GET", "/threads/user/{username}", "listUserThreads", "group-threads", "group_thread_joined.md"},
	{"GET", "/threads/chatgroups/{group_id}/user/{username}", "listUserThreadsInGroup", "group-threads", "group_threads_in_group.md"},
	{"GET", "/thread/{thread_id}/users", "listThreadMembers", "group-threads", "group_thread_member_get.md"},
	{"POST", "/thread/{thread_id}/users", "addThreadMembers", "group-threads", "group_thread_member_add.md"},
	{"DELETE", "/thread/{thread_id}/users", "removeThreadMembers", "group-threads", "group_thread_member_remove.md"},
	{"DELETE", "/threads/{thread_id}/users", "removeThreadMembersPlural", "group-threads", "group_thread_member_remove.md"},

	// Messages, which threads hang on (no catalogue row of their own: G-THR-02 and G-THR-04 need
	// a group message, and a one-to-one one for "thread must on group message to create.").
	{"POST", "/messages/chatgroups", "sendGroupMessage", "messages", "message_group.md"},
	{"POST", "/messages/users", "sendUserMessage", "messages", "message_single.md"},
}
