"""The choices members make about themselves, in the words members read."""

from django.db import models


class ContactMethod(models.TextChoices):
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone"
    TEXT = "text", "Text message"
    POST = "post", "Post"
    SUPPORTER = "supporter", "Through someone who supports me"


class Format(models.TextChoices):
    EASY_READ = "easy_read", "Easy read"
    LARGE_PRINT = "large_print", "Large print"
    BSL = "bsl", "British Sign Language"
    AUDIO = "audio", "Audio"
    OTHER_LANGUAGE = "other_language", "Another language"
    SUPPORTER_PRESENT = "supporter_present", "A supporter with me"


class LivedExperience(models.TextChoices):
    UNPAID_CARER = "unpaid_carer", "I look after someone (an unpaid carer)"
    PARENT_CARER = "parent_carer", "I am a parent carer"
    LEARNING_DISABILITY = "learning_disability", "Learning disability"
    AUTISM = "autism", "Autism"
    PHYSICAL_DISABILITY = "physical_disability", "Physical disability"
    SENSORY_LOSS = "sensory_loss", "Sight or hearing loss"
    MENTAL_HEALTH = "mental_health", "Mental health"
    OLDER_PERSON = "older_person", "Older person"


PREFER_NOT_TO_SAY = ("prefer_not_to_say", "Prefer not to say")


class AgeBand(models.TextChoices):
    UNDER_25 = "18_24", "18 to 24"
    AGE_25_34 = "25_34", "25 to 34"
    AGE_35_44 = "35_44", "35 to 44"
    AGE_45_54 = "45_54", "45 to 54"
    AGE_55_64 = "55_64", "55 to 64"
    AGE_65_74 = "65_74", "65 to 74"
    AGE_75_84 = "75_84", "75 to 84"
    AGE_85_PLUS = "85_plus", "85 or older"
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class EthnicGroup(models.TextChoices):
    """The 19 ethnic groups of the 2021 census in England and Wales (ONS)."""

    ASIAN_BANGLADESHI = "asian_bangladeshi", "Asian or Asian British: Bangladeshi"
    ASIAN_CHINESE = "asian_chinese", "Asian or Asian British: Chinese"
    ASIAN_INDIAN = "asian_indian", "Asian or Asian British: Indian"
    ASIAN_PAKISTANI = "asian_pakistani", "Asian or Asian British: Pakistani"
    ASIAN_OTHER = "asian_other", "Asian or Asian British: any other Asian background"
    BLACK_AFRICAN = "black_african", "Black, Black British, Caribbean or African: African"
    BLACK_CARIBBEAN = "black_caribbean", "Black, Black British, Caribbean or African: Caribbean"
    BLACK_OTHER = (
        "black_other",
        "Black, Black British, Caribbean or African: any other Black, Black British or "
        "Caribbean background",
    )
    MIXED_WHITE_ASIAN = "mixed_white_asian", "Mixed or multiple ethnic groups: White and Asian"
    MIXED_WHITE_BLACK_AFRICAN = (
        "mixed_white_black_african",
        "Mixed or multiple ethnic groups: White and Black African",
    )
    MIXED_WHITE_BLACK_CARIBBEAN = (
        "mixed_white_black_caribbean",
        "Mixed or multiple ethnic groups: White and Black Caribbean",
    )
    MIXED_OTHER = (
        "mixed_other",
        "Mixed or multiple ethnic groups: any other Mixed or multiple ethnic background",
    )
    WHITE_BRITISH = (
        "white_british",
        "White: English, Welsh, Scottish, Northern Irish or British",
    )
    WHITE_IRISH = "white_irish", "White: Irish"
    WHITE_GYPSY_TRAVELLER = "white_gypsy_traveller", "White: Gypsy or Irish Traveller"
    WHITE_ROMA = "white_roma", "White: Roma"
    WHITE_OTHER = "white_other", "White: any other White background"
    OTHER_ARAB = "other_arab", "Other ethnic group: Arab"
    OTHER_ANY = "other_any", "Other ethnic group: any other ethnic group"
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class Disability(models.TextChoices):
    YES_A_LOT = "yes_a_lot", "Yes, my day-to-day activities are limited a lot"
    YES_A_LITTLE = "yes_a_little", "Yes, my day-to-day activities are limited a little"
    NO = "no", "No"
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY


class UnpaidCare(models.TextChoices):
    NO = "no", "No"
    UP_TO_19_HOURS = "up_to_19", "Yes, 19 hours a week or less"
    HOURS_20_TO_49 = "20_to_49", "Yes, 20 to 49 hours a week"
    HOURS_50_PLUS = "50_plus", "Yes, 50 or more hours a week"
    PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY
