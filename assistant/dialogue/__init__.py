"""The chat's caseload half: what the Rasa actions call, one function per turn.

Actions only parse the tracker and send what these functions return
(:class:`~assistant.dialogue.reply.Reply`), so every decision about which
child is meant, who may see what, which dates count and how the answer is
worded lives here, where it can be tested without Rasa.
"""
